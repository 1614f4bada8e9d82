#pragma once

#include "store.h"

#include <QAbstractTableModel>

namespace remise::ui {

/// The activity log as a table: who, session, before, after, Stripe request id, latency,
/// outcome (docs/desktop.md).
class ActivityModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        Time,
        Actor,
        Action,
        Session,
        Outcome,
        Before,
        After,
        Latency,
        RequestId,
        Message,
        ColumnCount
    };
    enum Role { SortRole = Qt::UserRole + 1 };

    using QAbstractTableModel::QAbstractTableModel;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    void setEntries(QList<ActivityEntry> entries);
    /// Older entries (a next page) at the end.
    void append(const QList<ActivityEntry> &entries);
    const QList<ActivityEntry> &entries() const { return m_entries; }

    /// A discount as activity entries hold it ({amount_off, currency, name}), for people.
    static QString discountText(const QJsonObject &discount);
    /// The CSV header and one line per entry (RFC 4180 quoting), as exported.
    static QByteArray csvHeader();
    static QByteArray csvLine(const ActivityEntry &entry);

private:
    QList<ActivityEntry> m_entries;
};

} // namespace remise::ui
