#pragma once

#include "campaign.h"

#include <QJsonObject>
#include <QList>

/// Static checks of a valid rule book (`remise-server campaigns lint`): what the file format
/// accepts but a merchant surely did not mean.
namespace remise::lint {

struct Finding
{
    enum class Severity { Warning, Info };

    Severity severity = Severity::Warning;
    /// conflict, unreachable (also a repeated segment rule),
    /// never_satisfiable, missing_currency, label_too_long, unused_segment
    QString code;
    QString path;    ///< JSON path in the remise/1 document
    QString subject; ///< the campaign or segment id
    QString message;

    /// "warning: $.campaigns[1].reward.amount_off (spend-100) missing_currency: …"
    QString format() const;
    QJsonObject toJson() const;
};

/// All findings, in document order. `nowMs` decides which campaigns have already ended.
QList<Finding> run(const CampaignSet &rules, qint64 nowMs);

/// Whether a segment can match anybody at all (e.g. `all` of order_count > 5 and < 3 cannot).
bool segmentSatisfiable(const Segment &segment);

} // namespace remise::lint
