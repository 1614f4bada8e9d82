#pragma once

#include "campaign.h"
#include "result.h"

#include <QJsonObject>

/// The `remise/1` campaign file (docs/campaign-format.md): segments and campaigns as one JSON
/// document.
namespace remise::campaignfile {

inline const QString formatName = QStringLiteral("remise/1");

/// Validates and reads a whole document. Every problem is reported with the JSON path of the
/// offending element (all of them in Error::details when there are several); nothing is
/// returned unless the whole document is valid.
Result<CampaignSet> parse(const QJsonObject &document);
/// Reads bytes (`what` names the source in messages, e.g. the file name).
Result<CampaignSet> parse(const QByteArray &bytes, const QString &what);
Result<CampaignSet> load(const QString &filePath);

/// The document for a rule book; parse(toJson(x)) == x.
QJsonObject toJson(const CampaignSet &set);
/// toJson() written in the canonical, reviewable layout (stable key order, short values inline).
QByteArray write(const CampaignSet &set);

// Pieces, for the store (which keeps campaigns and segments as rows) and the editors.
QJsonObject campaignToJson(const Campaign &campaign);
QJsonObject segmentToJson(const Segment &segment);
/// Validates one campaign on its own; `segmentIds` are the segments it may reference.
Result<Campaign> parseCampaign(const QJsonObject &object, const QStringList &segmentIds,
                               const QString &path = QStringLiteral("$"));
Result<Segment> parseSegment(const QJsonObject &object, const QString &path = QStringLiteral("$"));

/// ISO 8601 with an explicit offset ("2026-11-27T00:00:00+01:00" or "…Z"), as the format needs.
std::optional<QDateTime> parseTimestamp(const QString &text);
QString formatTimestamp(const QDateTime &time);

/// Key order of the canonical layout.
const QStringList &keyOrder();

} // namespace remise::campaignfile
