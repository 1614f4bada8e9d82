#include "campaign.h"

using namespace Qt::StringLiterals;

namespace remise {

namespace campaignstatus {

std::optional<CampaignStatus> parse(QStringView name)
{
    if (name == u"draft")
        return CampaignStatus::Draft;
    if (name == u"active")
        return CampaignStatus::Active;
    if (name == u"paused")
        return CampaignStatus::Paused;
    if (name == u"archived")
        return CampaignStatus::Archived;
    return std::nullopt;
}

QString name(CampaignStatus status)
{
    switch (status) {
    case CampaignStatus::Draft:
        return u"draft"_s;
    case CampaignStatus::Active:
        return u"active"_s;
    case CampaignStatus::Paused:
        return u"paused"_s;
    case CampaignStatus::Archived:
        return u"archived"_s;
    }
    return {};
}

} // namespace campaignstatus

namespace stacking {

std::optional<Stacking> parse(QStringView name)
{
    if (name == u"exclusive")
        return Stacking::Exclusive;
    if (name == u"stackable")
        return Stacking::Stackable;
    return std::nullopt;
}

QString name(Stacking value)
{
    return value == Stacking::Exclusive ? u"exclusive"_s : u"stackable"_s;
}

} // namespace stacking

const Segment *CampaignSet::segment(QStringView id) const
{
    for (const Segment &s : segments)
        if (s.id == id)
            return &s;
    return nullptr;
}

const Campaign *CampaignSet::campaign(QStringView id) const
{
    for (const Campaign &c : campaigns)
        if (c.id == id)
            return &c;
    return nullptr;
}

bool isValidCampaignId(QStringView id)
{
    if (id.isEmpty() || id.size() > 64)
        return false;
    for (qsizetype i = 0; i < id.size(); ++i) {
        const QChar c = id.at(i);
        const bool alnum = (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9');
        if (!alnum && (i == 0 || (c != u'_' && c != u'-')))
            return false;
    }
    return true;
}

} // namespace remise
