#pragma once

#include "errorcodes.h"

#include <QString>

#include <expected>
#include <tuple>
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

/// The outcome of a fallible operation: a value (nothing for Status) or an Error. A thin layer
/// over std::expected, used the same way (`if (!r) return fail(r.error());`, `*r`, `r->x`), but
/// [[nodiscard]]: a result cannot be dropped silently. Dropping one on purpose needs a
/// `std::ignore = ...` with a comment saying why.
template<class T>
class [[nodiscard]] Result : public std::expected<T, Error>
{
    using Base = std::expected<T, Error>;

public:
    using Base::Base;
    Result() = default;
    Result(const Base &other)
        : Base(other)
    {}
    Result(Base &&other)
        : Base(std::move(other))
    {}
};

/// Result of an operation that yields nothing on success.
using Status = Result<void>;

inline std::unexpected<Error> fail(QString code, QString message, QString path = {})
{
    return std::unexpected(Error{std::move(code), std::move(message), std::move(path), {}});
}

inline std::unexpected<Error> fail(Error error)
{
    return std::unexpected(std::move(error));
}

} // namespace remise
