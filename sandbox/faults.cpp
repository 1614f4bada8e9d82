#include "faults.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace remise::sandbox {

std::expected<Fault, QString> Fault::fromJson(const QJsonObject &object, int id)
{
    static const QStringList keys = {u"method"_s,     u"path"_s,  u"fault"_s,        u"status"_s,
                                     u"latency_ms"_s, u"count"_s, u"should_retry"_s, u"when"_s};
    for (auto it = object.begin(); it != object.end(); ++it)
        if (!keys.contains(it.key()))
            return std::unexpected(
                u"unknown key \"%1\" (expected %2)"_s.arg(it.key(), keys.join(u", "_s)));
    Fault f;
    f.id = id;
    f.method = object.value(u"method").toString().toUpper();
    f.path = object.value(u"path").toString(u"*"_s);
    f.match = QRegularExpression(QRegularExpression::anchoredPattern(
        QRegularExpression::escape(f.path).replace(u"\\*"_s, u".*"_s)));
    const QString kind = object.value(u"fault").toString();
    if (kind == u"latency")
        f.kind = Kind::Latency;
    else if (kind == u"status")
        f.kind = Kind::Status;
    else if (kind == u"lock_timeout")
        f.kind = Kind::LockTimeout;
    else if (kind == u"rate_limit")
        f.kind = Kind::RateLimit;
    else if (kind == u"drop")
        f.kind = Kind::Drop;
    else if (kind == u"malformed")
        f.kind = Kind::Malformed;
    else
        return std::unexpected(
            u"\"fault\" must be latency, status, lock_timeout, rate_limit, drop or malformed, not \"%1\""_s
                .arg(kind));
    f.status = object.value(u"status").toInt(500);
    if (f.kind == Kind::Status && (f.status < 400 || f.status > 599))
        return std::unexpected(u"\"status\" must be an HTTP error status (400–599)"_s);
    f.latencyMs = object.value(u"latency_ms").toInt(f.kind == Kind::Latency ? 1000 : 0);
    if (f.latencyMs < 0 || f.latencyMs > 600'000)
        return std::unexpected(u"\"latency_ms\" must be between 0 and 600000"_s);
    f.remaining = object.value(u"count").toInt(1);
    if (f.remaining == 0 || f.remaining < -1)
        return std::unexpected(u"\"count\" must be a positive number, or -1 for every request"_s);
    if (object.value(u"should_retry").isBool())
        f.shouldRetry = object.value(u"should_retry").toBool();
    else if (f.kind == Kind::LockTimeout)
        f.shouldRetry = true;
    const QString when = object.value(u"when").toString(u"before"_s);
    if (when != u"before" && when != u"after")
        return std::unexpected(u"\"when\" must be before or after"_s);
    f.when = when == u"after" ? When::After : When::Before;
    return f;
}

QString Fault::kindName() const
{
    switch (kind) {
    case Kind::Latency:
        return u"latency"_s;
    case Kind::Status:
        return u"status_%1"_s.arg(status);
    case Kind::LockTimeout:
        return u"lock_timeout"_s;
    case Kind::RateLimit:
        return u"rate_limit"_s;
    case Kind::Drop:
        return when == When::After ? u"drop_after"_s : u"drop"_s;
    case Kind::Malformed:
        return when == When::After ? u"malformed_after"_s : u"malformed"_s;
    }
    return {};
}

QJsonObject Fault::toJson() const
{
    QJsonObject out{{u"id"_s, id},
                    {u"method"_s, method.isEmpty() ? QJsonValue() : QJsonValue(method)},
                    {u"path"_s, path},
                    {u"fault"_s, kindName()},
                    {u"remaining"_s, remaining},
                    {u"when"_s, when == When::After ? u"after"_s : u"before"_s}};
    if (kind == Kind::Latency)
        out.insert(u"latency_ms"_s, latencyMs);
    if (shouldRetry)
        out.insert(u"should_retry"_s, *shouldRetry);
    return out;
}

std::optional<Fault> Faults::take(const QString &method, const QString &path)
{
    for (qsizetype i = 0; i < m_faults.size(); ++i) {
        Fault &f = m_faults[i];
        if ((!f.method.isEmpty() && f.method != method) || !f.match.match(path).hasMatch())
            continue;
        const Fault taken = f;
        if (f.remaining > 0 && --f.remaining == 0)
            m_faults.removeAt(i);
        return taken;
    }
    return std::nullopt;
}

QJsonObject Faults::toJson() const
{
    QJsonArray list;
    for (const Fault &f : m_faults)
        list.append(f.toJson());
    return {{u"object"_s, u"list"_s}, {u"data"_s, list}};
}

} // namespace remise::sandbox
