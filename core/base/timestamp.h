#pragma once

#include <QDateTime>
#include <QStringView>

#include <optional>

namespace remise {

/// Reads an ISO 8601 time of day with an offset, as campaign files and `--now` take it:
/// `YYYY-MM-DDTHH:MM[:SS[.fraction]](Z|±HH:MM)`. The fraction may have any number of digits
/// (ISO 8601 sets no limit; Python writes six) and a comma as decimal sign; it is truncated to
/// the millisecond, the precision Remise keeps (docs/decisions.md). Nothing else is accepted: no
/// time without an offset, no date alone. One parser for every caller.
std::optional<QDateTime> parseIsoTime(QStringView text);

} // namespace remise
