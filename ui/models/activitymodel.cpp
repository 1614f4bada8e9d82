#include "activitymodel.h"

#include "json.h"
#include "text.h"

#include <QDateTime>

using namespace Qt::StringLiterals;

namespace remise::ui {

int ActivityModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int ActivityModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString ActivityModel::discountText(const QJsonObject &d)
{
    if (d.isEmpty())
        return tr("None");
    const QString currency = json::string(d, u"currency");
    const auto amount = json::integer(d, u"amount_off");
    const QString name = json::string(d, u"name");
    QString text = amount ? text::money(*amount, currency) : tr("Discount");
    if (!name.isEmpty())
        text += u" · "_s + name;
    return text;
}

QVariant ActivityModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ActivityEntry &e = m_entries.at(index.row());
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Time:
            return text::dateTime(e.atMs);
        case Actor:
            return text::actor(e.actor);
        case Action:
            return text::action(e.action);

        case Session:
            return e.sessionId;
        case Outcome:
            return text::outcome(e.outcome);
        case Before:
            return discountText(e.before);
        case After:
            return discountText(e.after);
        case Latency:
            return tr("%1 ms").arg(e.latencyMs);
        case RequestId:
            return e.stripeRequestId;
        case Message:
            return e.message;
        }
    } else if (role == SortRole) {
        switch (index.column()) {
        case Time:
            return e.atMs;
        case Latency:
            return e.latencyMs;
        default:
            return data(index, Qt::DisplayRole);
        }
    } else if (role == Qt::ToolTipRole) {
        if (index.column() == Outcome)
            return e.outcome;
        if (index.column() == Message)
            return e.message;
    } else if (role == Qt::TextAlignmentRole && index.column() == Latency) {
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    }
    return {};
}

QVariant ActivityModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Time:
        return tr("Time");
    case Actor:
        return tr("Who");
    case Action:
        return tr("Action");
    case Session:
        return tr("Session");
    case Outcome:
        return tr("Outcome");
    case Before:
        return tr("Before");
    case After:
        return tr("After");
    case Latency:
        return tr("Latency");
    case RequestId:
        return tr("Stripe request");
    case Message:
        return tr("Detail");
    }
    return {};
}

void ActivityModel::setEntries(QList<ActivityEntry> entries)
{
    beginResetModel();
    m_entries = std::move(entries);
    endResetModel();
}

void ActivityModel::append(const QList<ActivityEntry> &entries)
{
    if (entries.isEmpty())
        return;
    beginInsertRows({}, int(m_entries.size()), int(m_entries.size() + entries.size() - 1));
    m_entries.append(entries);
    endInsertRows();
}

namespace {
QByteArray csvField(const QString &value)
{
    QString v = value;
    // A cell starting with = + - @ is a formula to a spreadsheet: quote it as text.
    if (!v.isEmpty() &&
        (v.front() == u'=' || v.front() == u'+' || v.front() == u'-' || v.front() == u'@'))
        v.prepend(u'\'');
    if (v.contains(u',') || v.contains(u'"') || v.contains(u'\n') || v.contains(u'\r') ||
        v != value)
        return '"' + v.replace(u"\""_s, u"\"\""_s).toUtf8() + '"';
    return v.toUtf8();
}
QByteArray compact(const QJsonObject &o)
{
    return o.isEmpty() ? QByteArray() : json::write(o, json::Style::Compact);
}
} // namespace

QByteArray ActivityModel::csvHeader()
{
    return "time,actor,action,session,outcome,before,after,stripe_request_id,latency_ms,"
           "decision_id,message\r\n";
}

QByteArray ActivityModel::csvLine(const ActivityEntry &e)
{
    const QStringList fields{
        QDateTime::fromMSecsSinceEpoch(e.atMs, Qt::UTC).toString(Qt::ISODateWithMs),
        e.actor,
        e.action,
        e.sessionId,
        e.outcome,
        QString::fromUtf8(compact(e.before)),
        QString::fromUtf8(compact(e.after)),
        e.stripeRequestId,
        QString::number(e.latencyMs),
        e.decisionId,
        e.message};
    QByteArray line;
    for (qsizetype i = 0; i < fields.size(); ++i) {
        if (i)
            line += ',';
        line += csvField(fields.at(i));
    }
    return line + "\r\n";
}

} // namespace remise::ui
