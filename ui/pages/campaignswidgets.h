#pragma once

// Small editing widgets of the Campaigns page: per-currency amounts and reward tiers, each
// reading and writing the JSON of the remise/1 format (docs/campaign-format.md).

#include <QJsonArray>
#include <QJsonObject>
#include <QWidget>

class QVBoxLayout;
class QPushButton;

namespace remise::ui {

/// Amounts per currency ({"eur": 10000}), entered in major units (euros, not cents).
class CurrencyAmountsEdit : public QWidget
{
    Q_OBJECT
public:
    explicit CurrencyAmountsEdit(const QString &accessibleName, QWidget *parent = nullptr);

    void setAmounts(const QJsonObject &amounts);
    QJsonObject amounts() const;
    bool isEmpty() const;
    /// Adds one row (currency and amount in minor units), for tests and shortcuts.
    void addAmount(const QString &currency, qint64 minorUnits);

signals:
    void changed();

private:
    void addRow(const QString &currency, qint64 minorUnits);
    QVBoxLayout *m_rows;
    QPushButton *m_add;
    QString m_name;
};

/// The tiers of a tiered reward: each a minimum subtotal and either an amount or a percent.
class TiersEdit : public QWidget
{
    Q_OBJECT
public:
    explicit TiersEdit(QWidget *parent = nullptr);

    void setTiers(const QJsonArray &tiers);
    QJsonArray tiers() const;

signals:
    void changed();

private:
    void addTier(const QJsonObject &tier);
    QVBoxLayout *m_tiers;
};

} // namespace remise::ui
