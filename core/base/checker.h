#pragma once

#include "result.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

#include <optional>

namespace remise::json {

/// Reads user-written JSON strictly and collects every problem with its JSON path, so that a
/// file with several mistakes is reported in one pass. Readers return nullopt on a problem and
/// record it; callers keep going and ask ok() at the end.
class Checker
{
public:
    void error(const QString &path, const QString &message,
               const QString &code = QStringLiteral("invalid_value"));
    bool ok() const { return m_errors.empty(); }
    /// The collected problems folded into one Error (the first, with the rest as details).
    Error toError(const QString &what) const;

    /// Records an error for every key of `object` not in `allowed`.
    void onlyKeys(const QJsonObject &object, const QString &path, const QStringList &allowed);

    enum class Need { Required, Optional };
    /// A value may be absent or null when Optional: then nullopt is returned without an error.
    std::optional<QJsonObject> object(const QJsonObject &parent, const QString &path,
                                      const QString &key, Need need);
    std::optional<QJsonArray> array(const QJsonObject &parent, const QString &path,
                                    const QString &key, Need need);
    std::optional<QString> string(const QJsonObject &parent, const QString &path,
                                  const QString &key, Need need);
    std::optional<bool> boolean(const QJsonObject &parent, const QString &path, const QString &key,
                                Need need);
    std::optional<qint64> integer(const QJsonObject &parent, const QString &path,
                                  const QString &key, Need need, qint64 min, qint64 max);
    /// Checks a value already in hand.
    std::optional<qint64> integerValue(const QJsonValue &value, const QString &path, qint64 min,
                                       qint64 max);
    std::optional<QString> stringValue(const QJsonValue &value, const QString &path);
    /// A non-empty array of non-empty strings.
    std::optional<QStringList> stringList(const QJsonValue &value, const QString &path);

    /// True when the key is present with a non-null value.
    static bool has(const QJsonObject &object, const QString &key);

private:
    std::vector<Error> m_errors;
};

} // namespace remise::json
