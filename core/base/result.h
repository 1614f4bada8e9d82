#pragma once

#include <QString>

#include <expected>
#include <vector>

namespace remise {

/// A failure with a stable machine-readable code, a human message, and (for input errors) the
/// location of the offending element, such as a JSON path or a form parameter name.
struct Error
{
    QString code;
    QString message;
    QString path;
    /// Further problems found in the same pass (a file with several mistakes reports them all).
    std::vector<Error> details;

    /// "path: message" when a path is known, else the message alone; details follow on their
    /// own lines.
    QString describe() const
    {
        QString text = path.isEmpty() ? message : path + QStringLiteral(": ") + message;
        for (const Error &detail : details)
            text += QStringLiteral("\n  ") + detail.describe();
        return text;
    }
};

template<class T>
using Result = std::expected<T, Error>;

/// Result of an operation that yields nothing on success.
using Status = std::expected<void, Error>;

inline std::unexpected<Error> fail(QString code, QString message, QString path = {})
{
    return std::unexpected(Error{std::move(code), std::move(message), std::move(path), {}});
}

inline std::unexpected<Error> fail(Error error)
{
    return std::unexpected(std::move(error));
}

/// Stable error codes shared by every module. Modules may add their own, but these are the
/// ones the command line and the HTTP layer map to exit codes and statuses.
namespace errc {
inline const QString invalidJson = QStringLiteral("invalid_json");
inline const QString invalidValue = QStringLiteral("invalid_value");
inline const QString missingValue = QStringLiteral("missing_value");
inline const QString unknownField = QStringLiteral("unknown_field");
inline const QString notFound = QStringLiteral("not_found");
inline const QString conflict = QStringLiteral("conflict");
inline const QString io = QStringLiteral("io_error");
inline const QString database = QStringLiteral("database_error");
inline const QString usage = QStringLiteral("usage_error");
} // namespace errc

} // namespace remise
