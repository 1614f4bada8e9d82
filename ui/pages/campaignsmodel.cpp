#include "campaignsmodel.h"

#include "campaignsformat.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace remise::ui {

CampaignListModel::CampaignListModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void CampaignListModel::setRows(QList<Row> rows)
{
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

void CampaignListModel::updateObject(const QString &key, const QJsonObject &object, State state)
{
    const int row = rowOf(key);
    if (row < 0)
        return;
    m_rows[row].object = object;
    m_rows[row].state = state;
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

int CampaignListModel::rowOf(const QString &key) const
{
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].key == key)
            return i;
    return -1;
}

int CampaignListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int CampaignListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString CampaignListModel::spentText(const QString &used, const QString &held, bool anyHeld,
                                     const QString &limit)
{
    // The figures of `campaigns usage`; the held part only when open sessions hold some.
    return anyHeld ? tr("%1 used, %2 held of %3").arg(used, held, limit)
                   : tr("%1 of %2").arg(used, limit);
}

QString CampaignListModel::stateText(State state) const
{
    switch (state) {
    case State::Published:
        return tr("Published");
    case State::Edited:
        return tr("Changed in the draft");
    case State::New:
        return tr("New in the draft");
    case State::Unsaved:
        return tr("Unsaved changes");
    case State::Conflict:
        return tr("Conflicts with the live rules");
    }
    return {};
}

QVariant CampaignListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &r = m_rows.at(index.row());
    const QJsonObject &c = r.object;
    if (role == KeyRole)
        return r.key;
    if (role == Qt::ToolTipRole && index.column() == Draft)
        return stateText(r.state);
    if (role == Qt::ToolTipRole && index.column() == Name) // the id column starts hidden
        return u"%1 (%2)"_s.arg(c.value(u"name").toString(), c.value(u"id").toString());
    if (role == Qt::ToolTipRole) // the whole text of a cell cut to its column's width
        return data(index, Qt::DisplayRole);
    if (role != Qt::DisplayRole && role != Qt::EditRole && role != Qt::AccessibleTextRole)
        return {};
    const bool sorting = role == Qt::EditRole;
    switch (Column(index.column())) {
    case Name:
        return c.value(u"name").toString();
    case Id:
        return c.value(u"id").toString();
    case Status:
        return CampaignText::status(c.value(u"status").toString());
    case Schedule:
        if (sorting)
            return c.value(u"starts_at").toString();
        return CampaignText::schedule(c);
    case Reward:
        return CampaignText::reward(c.value(u"reward").toObject());
    case Redemptions: {
        const QJsonValue max = c.value(u"limits").toObject().value(u"max_redemptions");
        const Row::Spent spent = r.redemptions;
        if (sorting)
            return spent.used + spent.held;
        if (!max.isDouble())
            return tr("No cap");
        return spentText(QLocale().toString(spent.used), QLocale().toString(spent.held),
                         spent.held > 0, QLocale().toString(max.toInteger()));
    }
    case Budget: {
        const QJsonObject budget = c.value(u"limits").toObject().value(u"budget").toObject();
        if (sorting) {
            const Row::Spent first =
                budget.isEmpty() ? Row::Spent() : r.budget.value(budget.begin().key());
            return first.used + first.held;
        }
        if (budget.isEmpty())
            return tr("No budget");
        QStringList parts;
        for (auto it = budget.begin(); it != budget.end(); ++it) {
            const Row::Spent spent = r.budget.value(it.key());
            parts.append(spentText(formatMoney(spent.used, it.key()),
                                   formatMoney(spent.held, it.key()), spent.held > 0,
                                   formatMoney(it.value().toInteger(), it.key())));
        }
        return parts.join(u", "_s);
    }
    case Draft:
        return stateText(r.state);
    case ColumnCount:
        break;
    }
    return {};
}

QVariant CampaignListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Name:
        return tr("Name");
    case Id:
        return tr("Id");
    case Status:
        return tr("Status");
    case Schedule:
        return tr("Schedule");
    case Reward:
        return tr("Reward");
    case Redemptions:
        return tr("Redemptions");
    case Budget:
        return tr("Budget used");
    case Draft:
        return tr("Draft");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace remise::ui
