#include "campaignfileread.h"
#include "json.h"

#include <QJsonArray>
#include <QJsonObject>

using namespace Qt::StringLiterals;
using Need = remise::json::Checker::Need;

// Import of segments and their rules (the rest of a remise/1 document is campaignfile.cpp).
namespace remise::campaignfile::detail {

namespace {

const QStringList &segmentKeys()
{
    static const QStringList keys = {u"id"_s, u"name"_s, u"match"_s, u"rules"_s};
    return keys;
}

// A rule's field and op (the rest of readRule depends on both).
bool readRuleHead(Checker &check, const QJsonObject &object, const QString &path, SegmentRule &rule)
{
    check.onlyKeys(object, path, {u"field"_s, u"op"_s, u"value"_s});
    const auto fieldName = check.string(object, path, u"field"_s, Need::Required);
    const auto opName = check.string(object, path, u"op"_s, Need::Required);
    if (!fieldName || !opName)
        return false;
    const auto field = segmentfield::parse(*fieldName, &rule.metadataKey);
    if (!field)
        check.error(
            json::at(path, u"field"),
            u"unknown field %1 (expected customer_id, email, email_domain, country, region, postal_code, loyalty_tier, order_count, lifetime_spend, tags or metadata.<key>)"_s
                .arg(quoted(*fieldName)));
    const auto op = ruleop::parse(*opName);
    if (!op)
        check.error(
            json::at(path, u"op"),
            u"unknown op %1 (expected eq, ne, in, not_in, gt, gte, lt, lte, starts_with, ends_with, contains, exists or not_exists)"_s
                .arg(quoted(*opName)));
    if (!field || !op)
        return false;
    rule.field = *field;
    rule.op = *op;
    return true;
}

// Which ops make sense on which fields.
bool opFitsField(Checker &check, const SegmentRule &rule, const QString &path,
                 const QString &opName, const QString &fieldName)
{
    const bool numeric = segmentfield::isNumeric(rule.field);
    const bool textOnly = rule.op == RuleOp::StartsWith || rule.op == RuleOp::EndsWith;
    if (numeric && (textOnly || rule.op == RuleOp::Contains)) {
        check.error(json::at(path, u"op"), u"%1 does not apply to the number field %2"_s.arg(
                                               quoted(opName), quoted(fieldName)));
        return false;
    }
    if (ruleop::isOrdering(rule.op) && !numeric && rule.field != SegmentField::Metadata) {
        check.error(json::at(path, u"op"), u"%1 compares numbers; %2 is a text field"_s.arg(
                                               quoted(opName), quoted(fieldName)));
        return false;
    }
    return true;
}

// The value of `in` / `not_in`: a non-empty list of numbers or texts, each once.
bool readListValue(Checker &check, SegmentRule &rule, const QJsonValue &v, const QString &valuePath,
                   const QString &opName)
{
    if (!v.isArray() || v.toArray().isEmpty()) {
        check.error(valuePath, u"must be a non-empty array for op %1"_s.arg(quoted(opName)));
        return false;
    }
    const bool numeric = segmentfield::isNumeric(rule.field);
    bool good = true;
    const QJsonArray items = v.toArray();
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QJsonValue item = items.at(i);
        if (numeric) {
            if (const auto n = check.integerValue(item, json::at(valuePath, i), 0,
                                                  std::numeric_limits<qint64>::max()))
                rule.numbers.append(double(*n));
            else
                good = false;
        } else if (!item.isString()) {
            check.error(json::at(valuePath, i),
                        u"must be a string, not %1"_s.arg(json::typeName(item)));
            good = false;
        } else if (item.toString().isEmpty()) {
            check.error(json::at(valuePath, i), u"must not be empty"_s);
            good = false;
        } else if (rule.field == SegmentField::Country &&
                   !isCountryCode(item.toString().toUpper())) {
            check.error(json::at(valuePath, i), notACountry(item.toString()));
            good = false;
        } else {
            rule.texts.append(item.toString());
        }
    }
    if (!good)
        return false;
    // A value listed twice changes nothing: refused, as in every list of the format. Text
    // comparisons ignore case, so "Gold" repeats "gold".
    if (numeric) {
        QStringList shown;
        for (const QJsonValue &item : items)
            shown.append(QString::number(item.toInteger()));
        return refuseRepeats(check, shown, valuePath, u"value"_s);
    }
    return refuseRepeats(check, rule.texts, valuePath, u"value"_s, foldText);
}

// The value of eq/ne/gt/… on a number field, or of an ordering op on metadata.
bool readNumberValue(Checker &check, SegmentRule &rule, const QJsonValue &v,
                     const QString &valuePath, const QString &opName)
{
    if (segmentfield::isNumeric(rule.field)) {
        const auto n = check.integerValue(v, valuePath, 0, std::numeric_limits<qint64>::max());
        if (n)
            rule.number = double(*n);
        return n.has_value();
    }
    if (v.isDouble()) {
        rule.number = v.toDouble();
        return true;
    }
    check.error(valuePath,
                u"must be a number for op %1, not %2"_s.arg(quoted(opName), json::typeName(v)));
    return false;
}

// The value of a text op: one non-empty string (a whole country code for eq/ne on country).
bool readTextValue(Checker &check, SegmentRule &rule, const QJsonValue &v, const QString &valuePath,
                   const QString &opName)
{
    if (!v.isString()) {
        check.error(valuePath,
                    u"must be a string for op %1, not %2"_s.arg(quoted(opName), json::typeName(v)));
        return false;
    }
    if (v.toString().isEmpty()) {
        check.error(valuePath, u"must not be empty"_s);
        return false;
    }
    rule.texts.append(v.toString());
    // eq and ne compare whole codes; starts_with, ends_with and contains take a part of one.
    const bool wholeValue = rule.op == RuleOp::Eq || rule.op == RuleOp::Ne;
    if (rule.field == SegmentField::Country && wholeValue &&
        !isCountryCode(v.toString().toUpper())) {
        check.error(valuePath, notACountry(v.toString()));
        return false;
    }
    return true;
}

SegmentRule readRule(Checker &check, const QJsonValue &value, const QString &path, bool &good)
{
    SegmentRule rule;
    if (!value.isObject()) {
        check.error(path,
                    u"must be an object {field, op, value}, not %1"_s.arg(json::typeName(value)));
        good = false;
        return rule;
    }
    const QJsonObject object = value.toObject();
    if (!readRuleHead(check, object, path, rule)) {
        good = false;
        return rule;
    }
    const QString opName = object.value(u"op").toString();
    const QString fieldName = object.value(u"field").toString();
    const QString valuePath = json::at(path, u"value");
    const QJsonValue v = object.value(u"value");

    if (ruleop::takesNoValue(rule.op)) {
        if (!v.isUndefined() && !v.isNull()) {
            check.error(valuePath, u"must be left out: %1 takes no value"_s.arg(opName));
            good = false;
        }
        return rule;
    }
    if (v.isUndefined() || v.isNull()) {
        check.error(valuePath, u"is required for op %1"_s.arg(quoted(opName)), errc::missingValue);
        good = false;
        return rule;
    }
    if (!opFitsField(check, rule, path, opName, fieldName)) {
        good = false;
        return rule;
    }
    rule.value = v;
    bool valueGood = false;
    if (ruleop::takesList(rule.op))
        valueGood = readListValue(check, rule, v, valuePath, opName);
    else if (segmentfield::isNumeric(rule.field) || ruleop::isOrdering(rule.op))
        valueGood = readNumberValue(check, rule, v, valuePath, opName);
    else
        valueGood = readTextValue(check, rule, v, valuePath, opName);
    good = good && valueGood;
    return rule;
}

} // namespace

std::optional<Segment> readSegment(Checker &check, const QJsonValue &value, const QString &path)
{
    if (!value.isObject()) {
        check.error(path, u"must be an object, not %1"_s.arg(json::typeName(value)));
        return std::nullopt;
    }
    const QJsonObject object = value.toObject();
    check.onlyKeys(object, path, segmentKeys());
    Segment segment;
    bool good = true;
    const auto id = check.string(object, path, u"id"_s, Need::Required);
    if (id && !isValidCampaignId(*id)) {
        check.error(
            json::at(path, u"id"),
            u"%1 is not a valid id: use 1 to 64 characters a-z, 0-9, _ and -, starting with a letter or digit"_s
                .arg(quoted(*id)));
        good = false;
    }
    good = good && id;
    if (id)
        segment.id = *id;
    if (const auto name = check.string(object, path, u"name"_s, Need::Required))
        segment.name = *name;
    else
        good = false;
    const auto match = check.string(object, path, u"match"_s, Need::Required);
    if (match && *match == u"all")
        segment.match = Segment::Match::All;
    else if (match && *match == u"any")
        segment.match = Segment::Match::Any;
    else {
        if (match)
            check.error(json::at(path, u"match"),
                        u"must be \"all\" or \"any\", not %1"_s.arg(quoted(*match)));
        good = false;
    }
    if (const auto rules = check.array(object, path, u"rules"_s, Need::Required)) {
        for (qsizetype i = 0; i < rules->size(); ++i)
            segment.rules.append(
                readRule(check, rules->at(i), json::at(json::at(path, u"rules"), i), good));
    } else {
        good = false;
    }
    return good ? std::optional(segment) : std::nullopt;
}

} // namespace remise::campaignfile::detail
