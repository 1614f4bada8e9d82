// Internal to the remise/1 reader (campaignfile.cpp, campaignfilesegments.cpp): the helpers
// both halves use, and the reading of one segment.
#pragma once

#include "campaignfile.h"
#include "checker.h"

#include <QJsonValue>
#include <QStringView>

#include <optional>

namespace remise::campaignfile::detail {

using json::Checker;

bool isCountryCode(QStringView code);
QString quoted(const QString &s);
/// Segment rules compare countries ignoring case, so "fr" is fine there (unlike in conditions).
QString notACountry(const QString &value);
/// Lists whose items are a set (docs/campaign-format.md, "Duplicates"): a repeated item is
/// refused at its own index, naming the first. `fold` gives the form two items are compared in.
bool refuseRepeats(Checker &check, const QStringList &items, const QString &path,
                   const QString &what, QString (*fold)(const QString &) = nullptr);
QString foldText(const QString &text);

/// One segment of a document's "segments", checked; nullopt after reporting what is wrong.
std::optional<Segment> readSegment(Checker &check, const QJsonValue &value, const QString &path);

} // namespace remise::campaignfile::detail
