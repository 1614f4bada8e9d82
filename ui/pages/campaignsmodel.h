#pragma once

#include "engine.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QJsonObject>

namespace remise::ui {

/// The campaigns of the draft (the live rules with the draft's edits), one row each.
class CampaignListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Name, Id, Status, Schedule, Reward, Redemptions, Budget, Draft, ColumnCount };
    enum class State { Published, Edited, New, Unsaved, Conflict };
    static constexpr int KeyRole = Qt::UserRole + 1;

    struct Row
    {
        QString key;        ///< the draft key (the live id for published campaigns)
        QJsonObject object; ///< the campaign as the draft has it
        State state = State::Published;
        /// What is spent of the live campaign's limits, as `campaigns usage` reports it
        /// (Store::limitUsage): completed redemptions, and what open sessions hold or are
        /// about to hold.
        struct Spent
        {
            qint64 used = 0;
            qint64 held = 0; ///< held and pending
        };
        Spent redemptions;            ///< against max_redemptions (zero without a live cap)
        QHash<QString, Spent> budget; ///< by currency, against the live budget
    };

    explicit CampaignListModel(QObject *parent = nullptr);

    void setRows(QList<Row> rows);
    /// Updates one row's campaign in place (an edit being typed).
    void updateObject(const QString &key, const QJsonObject &object, State state);
    const QList<Row> &rows() const { return m_rows; }
    int rowOf(const QString &key) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QString stateText(State state) const;
    static QString spentText(const QString &used, const QString &held, bool anyHeld,
                             const QString &limit);
    QList<Row> m_rows;
};

} // namespace remise::ui
