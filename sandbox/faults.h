#pragma once

#include <QJsonObject>
#include <QList>
#include <QRegularExpression>

#include <expected>
#include <optional>

namespace remise::sandbox {

/// An injected failure (`POST /_sandbox/faults`): which requests it hits, what it does, and
/// how many more times.
struct Fault
{
    enum class Kind { Latency, Status, LockTimeout, RateLimit, Drop, Malformed };
    enum class When { Before, After };

    int id = 0;
    QString method;           ///< empty: any
    QString path;             ///< glob as given
    QRegularExpression match; ///< compiled glob
    Kind kind = Kind::Status;
    int status = 500;
    int latencyMs = 0;
    int remaining = 1; ///< -1: unlimited
    std::optional<bool> shouldRetry;
    When when = When::Before;

    static std::expected<Fault, QString> fromJson(const QJsonObject &object, int id);
    QJsonObject toJson() const;
    QString kindName() const;
};

/// The active faults, consumed as requests match them.
class Faults
{
public:
    /// The first fault matching the request, with its count taken; nullopt when none.
    std::optional<Fault> take(const QString &method, const QString &path);
    void add(const Fault &fault) { m_faults.append(fault); }
    void clear() { m_faults.clear(); }
    QJsonObject toJson() const;
    int nextId() { return ++m_lastId; }

private:
    QList<Fault> m_faults;
    int m_lastId = 0;
};

} // namespace remise::sandbox
