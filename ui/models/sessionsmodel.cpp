#include "sessionsmodel.h"

#include "json.h"
#include "text.h"

using namespace Qt::StringLiterals;

namespace remise::ui {

SessionRow SessionRow::fromStripe(const QJsonObject &s)
{
    SessionRow row;
    row.id = json::string(s, u"id");
    row.status = json::string(s, u"status");
    row.customer = json::string(json::object(s, u"customer_details"), u"email");
    if (row.customer.isEmpty())
        row.customer = json::string(s, u"customer_email");
    if (row.customer.isEmpty() && s.value(u"customer").isString())
        row.customer = s.value(u"customer").toString();
    row.currency = json::string(s, u"currency");
    row.created = json::integer(s, u"created").value_or(0);
    row.subtotal = json::integer(s, u"amount_subtotal").value_or(0);
    row.discount = json::integer(json::object(s, u"total_details"), u"amount_discount").value_or(0);
    row.total = json::integer(s, u"amount_total").value_or(row.subtotal - row.discount);
    return row;
}

int SessionsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int SessionsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SessionsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const SessionRow &r = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Id:
            return r.id;
        case Status:
            return text::sessionStatus(r.status);
        case Customer:
            return r.customer.isEmpty() ? tr("Guest") : r.customer;
        case Created:
            return text::stripeTime(r.created);
        case Subtotal:
            return text::money(r.subtotal, r.currency);
        case Discount:
            return r.discount > 0 ? text::money(r.discount, r.currency) : QString();
        case Total:
            return text::money(r.total, r.currency);
        }
        return {};
    case SortRole:
        switch (index.column()) {
        case Id:
            return r.id;
        case Status:
            return r.status;
        case Customer:
            return r.customer;
        case Created:
            return r.created;
        case Subtotal:
            return r.subtotal;
        case Discount:
            return r.discount;
        case Total:
            return r.total;
        }
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() >= Subtotal)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case IdRole:
        return r.id;
    case StatusRole:
        return r.status;
    case Qt::ToolTipRole:
        if (index.column() == Created)
            return text::stripeTime(r.created);
        return {};
    default:
        return {};
    }
}

QVariant SessionsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Id:
        return tr("Session");
    case Status:
        return tr("Status");
    case Customer:
        return tr("Customer");
    case Created:
        return tr("Created");
    case Subtotal:
        return tr("Subtotal");
    case Discount:
        return tr("Discount");
    case Total:
        return tr("Total");
    }
    return {};
}

void SessionsModel::reindex()
{
    m_index.clear();
    m_index.reserve(m_rows.size());
    for (int i = 0; i < m_rows.size(); ++i)
        m_index.insert(m_rows.at(i).id, i);
}

void SessionsModel::setSessions(QList<SessionRow> rows)
{
    bool sameIds = rows.size() == m_rows.size();
    for (qsizetype i = 0; sameIds && i < rows.size(); ++i)
        sameIds = rows.at(i).id == m_rows.at(i).id;
    if (sameIds) {
        for (int i = 0; i < rows.size(); ++i) {
            if (rows.at(i) == m_rows.at(i))
                continue;
            m_rows[i] = std::move(rows[i]);
            emit dataChanged(index(i, 0), index(i, ColumnCount - 1));
        }
        return;
    }
    beginResetModel();
    m_rows = std::move(rows);
    reindex();
    endResetModel();
}

void SessionsModel::upsert(const SessionRow &row)
{
    if (const auto it = m_index.constFind(row.id); it != m_index.cend()) {
        const int i = *it;
        if (m_rows.at(i) == row)
            return;
        m_rows[i] = row;
        emit dataChanged(index(i, 0), index(i, ColumnCount - 1));
        return;
    }
    beginInsertRows({}, 0, 0);
    m_rows.prepend(row);
    reindex();
    endInsertRows();
}

const SessionRow *SessionsModel::session(const QString &id) const
{
    const auto it = m_index.constFind(id);
    return it == m_index.cend() ? nullptr : &m_rows.at(*it);
}

SessionsFilterModel::SessionsFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(SessionsModel::SortRole);
    setDynamicSortFilter(true);
}

void SessionsFilterModel::setStatus(const QString &status)
{
    if (status == m_status)
        return;
    m_status = status;
    refilter();
}

void SessionsFilterModel::setSearch(const QString &text)
{
    const QString search = text.trimmed();
    if (search == m_search)
        return;
    m_search = search;
    refilter();
}

void SessionsFilterModel::refilter()
{
    // invalidateFilter() removes and inserts the rows that change one by one (thousands of
    // signals at 10,000 sessions, each one walked by the view); invalidate() rebuilds the
    // mapping once inside one layout change. Persistent indexes (the view's selection and
    // current row) follow their sessions, and are dropped when their session is filtered out.
    invalidate();
}

bool SessionsFilterModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const auto *model = qobject_cast<const SessionsModel *>(sourceModel());
    if (!model || left.column() != right.column())
        return QSortFilterProxyModel::lessThan(left, right);
    const SessionRow &a = model->rows().at(left.row());
    const SessionRow &b = model->rows().at(right.row());
    switch (left.column()) {
    case SessionsModel::Id:
        return a.id < b.id;
    case SessionsModel::Status:
        return a.status < b.status;
    case SessionsModel::Customer:
        return QString::compare(a.customer, b.customer, Qt::CaseInsensitive) < 0;
    case SessionsModel::Created:
        return a.created < b.created;
    case SessionsModel::Subtotal:
        return a.subtotal < b.subtotal;
    case SessionsModel::Discount:
        return a.discount < b.discount;
    case SessionsModel::Total:
        return a.total < b.total;
    }
    return QSortFilterProxyModel::lessThan(left, right);
}

bool SessionsFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const

{
    if (sourceParent.isValid())
        return false;
    // Read the rows directly: at 10,000 sessions, going through data() and QVariant for every
    // keystroke is what makes filtering feel slow.
    const auto *model = qobject_cast<const SessionsModel *>(sourceModel());
    if (!model || sourceRow >= model->rows().size())
        return false;
    const SessionRow &row = model->rows().at(sourceRow);
    if (!m_status.isEmpty() && row.status != m_status)
        return false;
    if (m_search.isEmpty())
        return true;
    return row.id.contains(m_search, Qt::CaseInsensitive) ||
           row.customer.contains(m_search, Qt::CaseInsensitive);
}

} // namespace remise::ui
