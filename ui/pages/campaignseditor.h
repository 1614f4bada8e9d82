#pragma once

// The campaign form of the Campaigns page: every field of the remise/1 format
// (docs/campaign-format.md), read from and written to the format's JSON, with the validation
// messages shown under the field they concern.

#include "result.h"

#include <QHash>
#include <QJsonObject>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QSpinBox;

namespace remise::ui {

class CurrencyAmountsEdit;
class TiersEdit;

class CampaignEditor : public QWidget
{
    Q_OBJECT
public:
    explicit CampaignEditor(QWidget *parent = nullptr);

    /// Shows a campaign (the format's JSON, possibly invalid). Emits nothing.
    void setCampaign(const QJsonObject &campaign);
    /// The campaign as the form says, in the format's JSON.
    QJsonObject campaign() const;
    /// The segments offered as conditions: id → name.
    void setSegments(const QList<std::pair<QString, QString>> &segments);

    /// Shows every problem whose JSON path lies under `prefix` ("$.campaigns[2]") under its
    /// field; returns how many were shown.
    int showProblems(const QList<Error> &problems, const QString &prefix);
    /// Shows lint findings (already formatted sentences) below the form.
    void showFindings(const QStringList &findings);
    /// The message shown under a field ("id", "reward.percent", …), for tests and screen readers.
    QString problemAt(const QString &field) const;

signals:
    /// The user changed something; `field` names what ("name", "reward", …) for undo merging.
    void edited(const QString &field);

private:
    QWidget *withProblem(QWidget *field, const QString &path);
    void updateRewardRows();
    void updateScheduleRows();
    void notify(const QString &field);
    QComboBox *makeZoneBox(const QString &accessibleName);
    void setTime(QCheckBox *has, QDateTimeEdit *edit, QComboBox *zone, const QJsonValue &value);
    static QJsonValue timeValue(QCheckBox *has, QDateTimeEdit *edit, QComboBox *zone);

    QFormLayout *m_form = nullptr;
    QLabel *m_general = nullptr;
    QLabel *m_findings = nullptr;
    QLineEdit *m_id = nullptr;
    QLineEdit *m_name = nullptr;
    QComboBox *m_status = nullptr;
    QSpinBox *m_priority = nullptr;
    QComboBox *m_stacking = nullptr;
    QCheckBox *m_hasStart = nullptr;
    QDateTimeEdit *m_start = nullptr;
    QCheckBox *m_hasEnd = nullptr;
    QDateTimeEdit *m_end = nullptr;
    QComboBox *m_startZone = nullptr;
    QComboBox *m_endZone = nullptr;
    QListWidget *m_segments = nullptr;
    QLineEdit *m_currencies = nullptr;
    CurrencyAmountsEdit *m_minSubtotal = nullptr;
    QLineEdit *m_countries = nullptr;
    QLineEdit *m_codes = nullptr;
    QCheckBox *m_firstOrder = nullptr;
    bool m_firstOrderFalse = false;
    QLineEdit *m_products = nullptr;
    QComboBox *m_rewardType = nullptr;
    QDoubleSpinBox *m_percent = nullptr;
    CurrencyAmountsEdit *m_maxAmountOff = nullptr;
    CurrencyAmountsEdit *m_amountOff = nullptr;
    TiersEdit *m_tiers = nullptr;
    QSpinBox *m_maxRedemptions = nullptr;
    QSpinBox *m_maxPerCustomer = nullptr;
    CurrencyAmountsEdit *m_budget = nullptr;
    QHash<QString, QLabel *> m_problems; ///< path below the campaign ("reward.percent") → label
    QHash<QString, QWidget *> m_rows;    ///< same keys → the field's row widget
    bool m_loading = false;
};

} // namespace remise::ui
