#include "campaignfile.h"

#include "campaignfileread.h"
#include "checker.h"
#include "json.h"
#include "timestamp.h"

#include <QFile>
#include <QHash>
#include <QRegularExpression>
#include <QSet>

using namespace Qt::StringLiterals;
using remise::json::Checker;
using Need = remise::json::Checker::Need;

// Import: reads and checks a remise/1 document (export is campaignfilewriter.cpp; segments
// are campaignfilesegments.cpp).
namespace remise::campaignfile {

namespace detail {

bool isCountryCode(QStringView code)
{
    return code.size() == 2 && code.at(0) >= u'A' && code.at(0) <= u'Z' && code.at(1) >= u'A' &&
           code.at(1) <= u'Z';
}

QString quoted(const QString &s)
{
    return u'"' + s + u'"';
}

QString notACountry(const QString &value)
{
    return u"%1 is not an ISO 3166-1 alpha-2 country code such as \"FR\""_s.arg(quoted(value));
}

bool refuseRepeats(Checker &check, const QStringList &items, const QString &path,
                   const QString &what, QString (*fold)(const QString &))
{
    QHash<QString, qsizetype> seen;
    bool good = true;
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QString key = fold ? fold(items.at(i)) : items.at(i);
        const auto first = seen.constFind(key);
        if (first != seen.constEnd()) {
            check.error(json::at(path, i), u"repeats the %1 %2 already listed at [%3]%4"_s
                                               .arg(what, quoted(items.at(i)))
                                               .arg(first.value())
                                               .arg(fold ? u" (ignoring case)"_s : QString()));
            good = false;
        } else {
            seen.insert(key, i);
        }
    }
    return good;
}

QString foldText(const QString &text)
{
    return text.toCaseFolded();
}

} // namespace detail

using namespace detail;

namespace {

// Amounts above this are surely typos (Stripe's own limit is 8 digits per amount).
constexpr qint64 maxAmount = 1'000'000'000'000;

const QStringList &campaignKeys()
{
    static const QStringList keys = {u"id"_s,       u"name"_s,      u"status"_s,  u"priority"_s,
                                     u"stacking"_s, u"starts_at"_s, u"ends_at"_s, u"conditions"_s,
                                     u"reward"_s,   u"limits"_s};
    return keys;
}
const QStringList &conditionKeys()
{
    static const QStringList keys = {u"segments"_s,  u"currencies"_s, u"min_subtotal"_s,
                                     u"countries"_s, u"code"_s,       u"first_order"_s,
                                     u"products"_s};
    return keys;
}

// {"eur": 1000, …}: currency codes to whole minor units in [min, maxAmount].
std::optional<CurrencyAmounts> readAmounts(Checker &check, const QJsonObject &parent,
                                           const QString &path, const QString &key, Need need,
                                           qint64 min)
{
    const QString here = json::at(path, key);
    const QJsonValue value = parent.value(key);
    if (!value.isUndefined() && !value.isNull() && !value.isObject()) {
        // A bare number is the likely mistake: say what the object holds.
        check.error(
            here,
            u"must be an object of amounts per currency such as {\"eur\": 1000}, not %1"_s.arg(
                json::typeName(value)));
        return std::nullopt;
    }
    const auto object = check.object(parent, path, key, need);
    if (!object)
        return std::nullopt;
    if (object->isEmpty()) {
        check.error(here, u"must give an amount for at least one currency, e.g. {\"eur\": 1000}"_s);
        return std::nullopt;
    }
    CurrencyAmounts out;
    bool good = true;
    for (auto it = object->begin(); it != object->end(); ++it) {
        if (!currency::isValidCode(it.key())) {
            check.error(
                json::at(here, it.key()),
                u"%1 is not a currency code; use three lowercase letters such as \"eur\""_s.arg(
                    quoted(it.key())));
            good = false;
            continue;
        }
        if (!json::isInteger(it.value())) {
            check.error(json::at(here, it.key()),
                        u"must be a whole number of minor units, not %1"_s.arg(
                            it.value().isDouble() ? QString::number(it.value().toDouble())
                                                  : json::typeName(it.value())));
            good = false;
            continue;
        }
        const auto amount =
            check.integerValue(it.value(), json::at(here, it.key()), min, maxAmount);
        if (!amount) {
            good = false;
            continue;
        }
        out.set(it.key(), *amount);
    }
    return good ? std::optional(out) : std::nullopt;
}

std::optional<Percent> readPercent(Checker &check, const QJsonValue &value, const QString &path)
{
    if (!value.isDouble()) {
        check.error(path, u"must be a number, not %1"_s.arg(json::typeName(value)));
        return std::nullopt;
    }
    // The range first: Percent::fromDouble() also refuses numbers far out of range, which are
    // not a matter of decimals.
    const double number = value.toDouble();
    if (!(number > 0 && number <= 100)) {
        check.error(path, u"must be more than 0 and at most 100, not %1"_s.arg(number));
        return std::nullopt;
    }
    const auto percent = Percent::fromDouble(number);
    if (!percent || percent->hundredths() <= 0) {
        check.error(path, u"must have at most two decimals, not %1"_s.arg(number));
        return std::nullopt;
    }
    return percent;
}

std::optional<QDateTime> readTime(Checker &check, const QJsonObject &parent, const QString &path,
                                  const QString &key)
{
    const auto text = check.string(parent, path, key, Need::Optional);
    if (!text)
        return std::nullopt;
    const auto time = parseTimestamp(*text);
    if (!time)
        check.error(
            json::at(path, key),
            u"%1 is not an ISO 8601 time with an offset, such as \"2026-11-27T00:00:00+01:00\""_s
                .arg(quoted(*text)));
    return time;
}

std::optional<Conditions> readConditions(Checker &check, const QJsonObject &object,
                                         const QString &path, const QStringList &segmentIds)
{
    check.onlyKeys(object, path, conditionKeys());
    Conditions c;
    bool good = true;
    const auto list = [&](const QString &key) -> std::optional<QStringList> {
        const QJsonValue v = object.value(key);
        if (v.isUndefined() || v.isNull())
            return std::nullopt;
        auto items = check.stringList(v, json::at(path, key));
        if (!items)
            good = false;
        return items;
    };
    if ((c.segments = list(u"segments"_s))) {
        good = refuseRepeats(check, *c.segments, json::at(path, u"segments"), u"segment"_s) && good;
        for (qsizetype i = 0; i < c.segments->size(); ++i)
            if (!segmentIds.contains(c.segments->at(i))) {
                check.error(json::at(json::at(path, u"segments"), i),
                            u"refers to segment %1, which is not defined in \"segments\""_s.arg(
                                quoted(c.segments->at(i))));
                good = false;
            }
    }
    if ((c.currencies = list(u"currencies"_s))) {
        good = refuseRepeats(check, *c.currencies, json::at(path, u"currencies"), u"currency"_s) &&
               good;
        for (qsizetype i = 0; i < c.currencies->size(); ++i)
            if (!currency::isValidCode(c.currencies->at(i))) {
                check.error(
                    json::at(json::at(path, u"currencies"), i),
                    u"%1 is not a currency code; use three lowercase letters such as \"eur\""_s.arg(
                        quoted(c.currencies->at(i))));
                good = false;
            }
    }
    if (Checker::has(object, u"min_subtotal"_s)) {
        c.minSubtotal = readAmounts(check, object, path, u"min_subtotal"_s, Need::Required, 0);
        good = good && c.minSubtotal;
    }
    if ((c.countries = list(u"countries"_s))) {
        good =
            refuseRepeats(check, *c.countries, json::at(path, u"countries"), u"country"_s) && good;
        for (qsizetype i = 0; i < c.countries->size(); ++i)
            if (!isCountryCode(c.countries->at(i))) {
                check.error(
                    json::at(json::at(path, u"countries"), i),
                    u"%1 is not an uppercase ISO 3166-1 alpha-2 country code such as \"FR\""_s.arg(
                        quoted(c.countries->at(i))));
                good = false;
            }
    }
    const QJsonValue code = object.value(u"code");
    if (code.isString()) {
        if (code.toString().trimmed().isEmpty()) {
            check.error(json::at(path, u"code"), u"must not be empty"_s);
            good = false;
        } else {
            c.codes = QStringList{code.toString()};
        }
    } else if (code.isArray()) {
        c.codeWrittenAsList = true;
        if ((c.codes = check.stringList(code, json::at(path, u"code")))) {
            QSet<QString> seen;
            for (qsizetype i = 0; i < c.codes->size(); ++i) {
                const QString folded = c.codes->at(i).trimmed().toCaseFolded();
                if (seen.contains(folded)) {
                    check.error(
                        json::at(json::at(path, u"code"), i),
                        u"repeats the code %1 (codes ignore case)"_s.arg(quoted(c.codes->at(i))));
                    good = false;
                }
                seen.insert(folded);
            }
        } else {
            good = false;
        }
    } else if (!code.isUndefined() && !code.isNull()) {
        check.error(json::at(path, u"code"),
                    u"must be a string or an array of strings, not %1"_s.arg(json::typeName(code)));
        good = false;
    }
    if (Checker::has(object, u"first_order"_s)) {
        c.firstOrder = check.boolean(object, path, u"first_order"_s, Need::Required);
        good = good && c.firstOrder;
    }
    // A product listed twice must not count its items twice (the engine also counts each once).
    if ((c.products = list(u"products"_s)))
        good = refuseRepeats(check, *c.products, json::at(path, u"products"), u"product"_s) && good;
    return good ? std::optional(c) : std::nullopt;
}

std::optional<Reward> readReward(Checker &check, const QJsonObject &object, const QString &path)
{
    Reward reward;
    const auto type = check.string(object, path, u"type"_s, Need::Required);
    if (!type)
        return std::nullopt;
    bool good = true;
    if (*type == u"percent_off") {
        reward.type = Reward::Type::PercentOff;
        check.onlyKeys(object, path, {u"type"_s, u"percent"_s, u"max_amount_off"_s});
        if (!Checker::has(object, u"percent"_s)) {
            check.error(json::at(path, u"percent"), u"is required for a percent_off reward"_s,
                        errc::missingValue);
            good = false;
        } else if (const auto p =
                       readPercent(check, object.value(u"percent"), json::at(path, u"percent"))) {
            reward.percent = *p;
        } else {
            good = false;
        }
        if (Checker::has(object, u"max_amount_off"_s)) {
            reward.maxAmountOff =
                readAmounts(check, object, path, u"max_amount_off"_s, Need::Required, 1);
            good = good && reward.maxAmountOff;
        }
    } else if (*type == u"amount_off") {
        reward.type = Reward::Type::AmountOff;
        check.onlyKeys(object, path, {u"type"_s, u"amount_off"_s});
        if (const auto amounts =
                readAmounts(check, object, path, u"amount_off"_s, Need::Required, 1))
            reward.amountOff = *amounts;
        else
            good = false;
    } else if (*type == u"tiered") {
        reward.type = Reward::Type::Tiered;
        check.onlyKeys(object, path, {u"type"_s, u"tiers"_s});
        const auto tiers = check.array(object, path, u"tiers"_s, Need::Required);
        if (!tiers) {
            good = false;
        } else if (tiers->isEmpty()) {
            check.error(json::at(path, u"tiers"), u"must hold at least one tier"_s);
            good = false;
        } else {
            for (qsizetype i = 0; i < tiers->size(); ++i) {
                const QString tierPath = json::at(json::at(path, u"tiers"), i);
                const QJsonValue t = tiers->at(i);
                if (!t.isObject()) {
                    check.error(tierPath, u"must be an object, not %1"_s.arg(json::typeName(t)));
                    good = false;
                    continue;
                }
                const QJsonObject tierObject = t.toObject();
                check.onlyKeys(tierObject, tierPath,
                               {u"min_subtotal"_s, u"amount_off"_s, u"percent"_s});
                RewardTier tier;
                const auto min =
                    readAmounts(check, tierObject, tierPath, u"min_subtotal"_s, Need::Required, 0);
                const bool hasAmount = Checker::has(tierObject, u"amount_off"_s);
                const bool hasPercent = Checker::has(tierObject, u"percent"_s);
                if (hasAmount == hasPercent) {
                    check.error(tierPath, u"needs exactly one of \"amount_off\" and \"percent\""_s);
                    good = false;
                    continue;
                }
                if (hasAmount)
                    tier.amountOff = readAmounts(check, tierObject, tierPath, u"amount_off"_s,
                                                 Need::Required, 1);
                else
                    tier.percent = readPercent(check, tierObject.value(u"percent"),
                                               json::at(tierPath, u"percent"));
                if (!min || (hasAmount && !tier.amountOff) || (hasPercent && !tier.percent)) {
                    good = false;
                    continue;
                }
                tier.minSubtotal = *min;
                // Two tiers starting at the same amount in one currency make the choice ambiguous.
                for (qsizetype j = 0; j < reward.tiers.size(); ++j)
                    for (const auto &[code, amount] : tier.minSubtotal.entries())
                        if (reward.tiers.at(j).minSubtotal.value(code) == amount) {
                            check.error(
                                json::at(json::at(tierPath, u"min_subtotal"), code),
                                u"tier %1 already starts at %2 in %3"_s.arg(j).arg(amount).arg(
                                    code));
                            good = false;
                        }
                reward.tiers.append(tier);
            }
        }
    } else {
        check.error(
            json::at(path, u"type"),
            u"must be \"percent_off\", \"amount_off\" or \"tiered\", not %1"_s.arg(quoted(*type)));
        return std::nullopt;
    }
    return good ? std::optional(reward) : std::nullopt;
}

std::optional<Limits> readLimits(Checker &check, const QJsonObject &object, const QString &path)
{
    check.onlyKeys(object, path, {u"max_redemptions"_s, u"max_per_customer"_s, u"budget"_s});
    Limits limits;
    bool good = true;
    const qint64 big = std::numeric_limits<qint32>::max();
    if (Checker::has(object, u"max_redemptions"_s)) {
        limits.maxRedemptions =
            check.integer(object, path, u"max_redemptions"_s, Need::Required, 1, big);
        good = good && limits.maxRedemptions;
    }
    if (Checker::has(object, u"max_per_customer"_s)) {
        limits.maxPerCustomer =
            check.integer(object, path, u"max_per_customer"_s, Need::Required, 1, big);
        good = good && limits.maxPerCustomer;
    }
    if (limits.maxRedemptions && limits.maxPerCustomer &&
        *limits.maxPerCustomer > *limits.maxRedemptions) {
        check.error(json::at(path, u"max_per_customer"),
                    u"is more than max_redemptions (%1)"_s.arg(*limits.maxRedemptions));
        good = false;
    }
    if (Checker::has(object, u"budget"_s)) {
        limits.budget = readAmounts(check, object, path, u"budget"_s, Need::Required, 1);
        good = good && limits.budget;
    }
    return good ? std::optional(limits) : std::nullopt;
}

std::optional<Campaign> readCampaign(Checker &check, const QJsonValue &value, const QString &path,
                                     const QStringList &segmentIds)
{
    if (!value.isObject()) {
        check.error(path, u"must be an object, not %1"_s.arg(json::typeName(value)));
        return std::nullopt;
    }
    const QJsonObject object = value.toObject();
    check.onlyKeys(object, path, campaignKeys());
    Campaign campaign;
    bool good = true;
    if (const auto id = check.string(object, path, u"id"_s, Need::Required)) {
        campaign.id = *id;
        if (!isValidCampaignId(*id)) {
            check.error(
                json::at(path, u"id"),
                u"%1 is not a valid id: use 1 to 64 characters a-z, 0-9, _ and -, starting with a letter or digit"_s
                    .arg(quoted(*id)));
            good = false;
        }
    } else {
        good = false;
    }
    if (const auto name = check.string(object, path, u"name"_s, Need::Required)) {
        campaign.name = *name;
        if (name->trimmed().isEmpty()) {
            check.error(json::at(path, u"name"),
                        u"must not be empty: it is the label customers see"_s);
            good = false;
        } else if (name->size() > 200) {
            check.error(json::at(path, u"name"),
                        u"is too long (%1 characters, at most 200)"_s.arg(name->size()));
            good = false;
        }
    } else {
        good = false;
    }
    if (const auto status = check.string(object, path, u"status"_s, Need::Required)) {
        if (const auto parsed = campaignstatus::parse(*status)) {
            campaign.status = *parsed;
        } else {
            check.error(json::at(path, u"status"),
                        u"must be \"draft\", \"active\", \"paused\" or \"archived\", not %1"_s.arg(
                            quoted(*status)));
            good = false;
        }
    } else {
        good = false;
    }
    if (Checker::has(object, u"priority"_s)) {
        const auto priority =
            check.integer(object, path, u"priority"_s, Need::Required, -1'000'000, 1'000'000);
        if (priority)
            campaign.priority = int(*priority);
        else
            good = false;
    }
    if (const auto s = check.string(object, path, u"stacking"_s, Need::Optional)) {
        if (const auto parsed = stacking::parse(*s)) {
            campaign.stacking = *parsed;
        } else {
            check.error(json::at(path, u"stacking"),
                        u"must be \"exclusive\" or \"stackable\", not %1"_s.arg(quoted(*s)));
            good = false;
        }
    }
    const bool hadStart = Checker::has(object, u"starts_at"_s);
    const bool hadEnd = Checker::has(object, u"ends_at"_s);
    campaign.startsAt = readTime(check, object, path, u"starts_at"_s);
    campaign.endsAt = readTime(check, object, path, u"ends_at"_s);
    if ((hadStart && !campaign.startsAt) || (hadEnd && !campaign.endsAt))
        good = false;
    if (campaign.startsAt && campaign.endsAt && *campaign.endsAt <= *campaign.startsAt) {
        check.error(json::at(path, u"ends_at"), u"must be later than starts_at"_s);
        good = false;
    }
    if (const auto conditions = check.object(object, path, u"conditions"_s, Need::Optional)) {
        if (auto c = readConditions(check, *conditions, json::at(path, u"conditions"), segmentIds))
            campaign.conditions = *c;
        else
            good = false;
    } else if (Checker::has(object, u"conditions"_s)) {
        good = false;
    }
    if (const auto reward = check.object(object, path, u"reward"_s, Need::Required)) {
        if (auto r = readReward(check, *reward, json::at(path, u"reward")))
            campaign.reward = *r;
        else
            good = false;
    } else {
        good = false;
    }
    if (const auto limits = check.object(object, path, u"limits"_s, Need::Optional)) {
        if (auto l = readLimits(check, *limits, json::at(path, u"limits")))
            campaign.limits = *l;
        else
            good = false;
    } else if (Checker::has(object, u"limits"_s)) {
        good = false;
    }
    return good ? std::optional(campaign) : std::nullopt;
}

} // namespace

std::optional<QDateTime> parseTimestamp(const QString &text)
{
    return parseIsoTime(text);
}

Result<Campaign> parseCampaign(const QJsonObject &object, const QStringList &segmentIds,
                               const QString &path)
{
    Checker check;
    auto campaign = readCampaign(check, object, path, segmentIds);
    if (!check.ok() || !campaign)
        return fail(check.toError(u"the campaign"_s));
    return *campaign;
}

Result<Segment> parseSegment(const QJsonObject &object, const QString &path)
{
    Checker check;
    auto segment = readSegment(check, object, path);
    if (!check.ok() || !segment)
        return fail(check.toError(u"the segment"_s));
    return *segment;
}

Result<CampaignSet> parse(const QJsonObject &document)
{
    Checker check;
    check.onlyKeys(document, u"$"_s, {u"format"_s, u"segments"_s, u"campaigns"_s});
    const auto format = check.string(document, u"$"_s, u"format"_s, Need::Required);
    if (format && *format != formatName) {
        check.error(u"$.format"_s, u"must be \"%1\", not %2"_s.arg(formatName, quoted(*format)));
        return fail(check.toError(u"the file"_s));
    }
    CampaignSet set;
    QStringList segmentIds;
    if (const auto segments = check.array(document, u"$"_s, u"segments"_s, Need::Optional)) {
        for (qsizetype i = 0; i < segments->size(); ++i) {
            const QString path = json::at(u"$.segments"_s, i);
            // Collect ids even from invalid segments, so references to them are not also flagged.
            const QString id = segments->at(i).toObject().value(u"id").toString();
            if (!id.isEmpty()) {
                if (segmentIds.contains(id))
                    check.error(json::at(path, u"id"),
                                u"duplicates the id of segment %1"_s.arg(quoted(id)),
                                errc::conflict);
                segmentIds.append(id);
            }
            if (auto segment = readSegment(check, segments->at(i), path))
                set.segments.append(*segment);
        }
    }
    const auto campaigns = check.array(document, u"$"_s, u"campaigns"_s, Need::Required);
    if (campaigns) {
        QStringList campaignIds;
        for (qsizetype i = 0; i < campaigns->size(); ++i) {
            const QString path = json::at(u"$.campaigns"_s, i);
            const QString id = campaigns->at(i).toObject().value(u"id").toString();
            if (!id.isEmpty()) {
                if (campaignIds.contains(id))
                    check.error(json::at(path, u"id"),
                                u"duplicates the id of campaign %1"_s.arg(quoted(id)),
                                errc::conflict);
                campaignIds.append(id);
            }
            if (auto campaign = readCampaign(check, campaigns->at(i), path, segmentIds))
                set.campaigns.append(*campaign);
        }
    }
    if (!check.ok())
        return fail(check.toError(u"the file"_s));
    return set;
}

Result<CampaignSet> parse(const QByteArray &bytes, const QString &what)
{
    auto document = json::parseObject(bytes, what);
    if (!document)
        return fail(document.error());
    auto set = parse(*document);
    if (!set) {
        Error error = set.error();
        if (error.details.empty() && error.path.isEmpty())
            error.message = what + u": "_s + error.message;
        else if (!error.details.empty())
            error.message = what + u" has %1 problems"_s.arg(error.details.size());
        return fail(error);
    }
    return set;
}

Result<CampaignSet> load(const QString &filePath)
{
    QFile file(filePath);
    if (!file.open(QIODevice::ReadOnly))
        return fail(errc::io, u"cannot read %1: %2"_s.arg(filePath, file.errorString()));
    return parse(file.readAll(), filePath);
}

} // namespace remise::campaignfile
