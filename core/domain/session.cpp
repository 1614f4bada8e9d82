#include "session.h"

#include "json.h"
#include "money.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace remise {

namespace {

// `price.product` and `customer` are ids, or objects when expanded.
QString idOf(const json::View &value)
{
    if (value.isString())
        return value.toString();
    return value.string("id");
}

// An object with at least one member, else Missing (an empty object says nothing).
json::View filled(const json::View &value)
{
    return value.isObject() && !value.isEmpty() ? value : json::View();
}

SessionDiscount readDiscount(const json::View &object)
{
    SessionDiscount d;
    const json::View coupon = object.value("coupon");
    const json::View promotion = object.value("promotion_code");
    d.promotionCodeId = idOf(promotion);
    json::View couponObject = filled(coupon);
    if (couponObject.isMissing() && promotion.isObject()) {
        // An expanded promotion code carries its coupon (`coupon`, or `promotion.coupon` in
        // recent versions).
        const json::View inner = !promotion.value("coupon").isMissing()
                                     ? promotion.value("coupon")
                                     : promotion.object("promotion").value("coupon");
        couponObject = filled(inner);
        if (couponObject.isMissing())
            d.couponId = inner.toString();
    }
    if (!couponObject.isMissing()) {
        d.couponExpanded = true;
        d.couponId = couponObject.string("id");
        d.amountOff = couponObject.integer("amount_off");
        d.percentOff = couponObject.value("percent_off").toDouble();
        d.currency = couponObject.string("currency");
        d.name = couponObject.string("name");
        d.metadata = couponObject.object("metadata").stringMap();
    } else if (d.couponId.isEmpty()) {
        d.couponId = coupon.toString();
    }
    return d;
}

Result<LineItem> readLineItem(const json::View &object, const QString &path)
{
    LineItem item;
    item.id = object.string("id");
    item.description = object.string("description");
    const json::View price = object.object("price");
    item.priceId = price.string("id");
    item.productId = idOf(price.value("product"));
    item.quantity = object.integer("quantity").value_or(1);
    const auto unitAmount = price.integer("unit_amount");
    item.unitAmount = unitAmount.value_or(0);
    const auto subtotal = object.integer("amount_subtotal");
    if (subtotal) {
        item.amountSubtotal = *subtotal;
    } else if (unitAmount) {
        item.amountSubtotal = item.unitAmount * item.quantity;
    } else {
        return fail(errc::missingValue,
                    u"line item has neither amount_subtotal nor price.unit_amount"_s,
                    json::at(path, u"amount_subtotal"));
    }
    if (item.amountSubtotal < 0)
        return fail(errc::invalidValue, u"amount_subtotal is negative"_s,
                    json::at(path, u"amount_subtotal"));
    item.amountDiscount = object.integer("amount_discount").value_or(0);
    item.amountTotal = object.integer("amount_total").value_or(item.amountSubtotal);
    return item;
}

} // namespace

Result<SessionSnapshot> SessionSnapshot::fromStripe(const QJsonObject &object)
{
    auto reader = json::Reader::parse(QJsonDocument(object).toJson(QJsonDocument::Compact));
    if (!reader)
        return fail(errc::invalidValue, u"the Checkout Session is "_s + reader.error().message,
                    u"session"_s);
    return fromStripe(reader->root());
}

Result<SessionSnapshot> SessionSnapshot::fromStripe(const json::View &object)
{
    SessionSnapshot s;
    const json::View objectType = object.value("object");
    if (objectType.isString() && objectType.toString() != u"checkout.session")
        return fail(
            errc::invalidValue,
            u"expected a Checkout Session, got a \"%1\" object"_s.arg(objectType.toString()),
            u"session.object"_s);
    s.id = object.string("id");
    if (s.id.isEmpty())
        return fail(errc::missingValue, u"the Checkout Session has no id"_s, u"session.id"_s);
    if (!s.id.startsWith(u"cs_"_s))
        return fail(errc::invalidValue,
                    u"\"%1\" is not a Checkout Session id (cs_test_… or cs_live_…)"_s.arg(s.id),
                    u"session.id"_s);

    s.status = object.string("status");
    s.mode = object.string("mode");
    s.paymentStatus = object.string("payment_status");
    s.livemode = object.value("livemode").toBool();
    s.currency = object.string("currency");
    if (s.currency.isEmpty())
        return fail(errc::missingValue,
                    u"session %1 has no currency (currency is null)"_s.arg(s.id),
                    u"session.currency"_s);
    if (!currency::isValidCode(s.currency))
        return fail(errc::invalidValue,
                    u"\"%1\" is not a lowercase ISO currency code"_s.arg(s.currency),
                    u"session.currency"_s);

    const json::View lineItems = object.value("line_items");
    if (lineItems.isObject()) {
        s.hasLineItems = true;
        s.lineItemsComplete = !lineItems.value("has_more").toBool();
        const QList<json::View> data = lineItems.array("data").elements();
        for (qsizetype i = 0; i < data.size(); ++i) {
            auto item = readLineItem(data.at(i), json::at(u"session.line_items.data"_s, i));
            if (!item)
                return fail(item.error());
            s.lineItems.append(*item);
        }
    }

    if (const auto subtotal = object.integer("amount_subtotal")) {
        s.subtotal = *subtotal;
    } else if (s.hasLineItems && s.lineItemsComplete) {
        s.subtotal = 0;
        for (const LineItem &item : std::as_const(s.lineItems))
            s.subtotal += item.amountSubtotal;
    } else {
        return fail(
            errc::missingValue,
            u"session %1 has no amount_subtotal and no complete line_items to add up"_s.arg(s.id),
            u"session.amount_subtotal"_s);
    }
    if (s.subtotal < 0)
        return fail(errc::invalidValue, u"amount_subtotal is negative"_s,
                    u"session.amount_subtotal"_s);
    s.amountTotal = object.integer("amount_total");
    s.amountDiscount = object.object("total_details").integer("amount_discount").value_or(0);

    const json::View customer = object.value("customer");
    if (customer.isObject()) {
        auto parsed = StripeCustomer::fromStripe(customer);
        if (parsed) {
            s.customerId = parsed->id;
            s.customer = *parsed;
        } else {
            // A deleted customer is still an id the session names.
            s.customerId = customer.string("id");
        }
    } else {
        s.customerId = customer.toString();
    }
    s.customerEmail = object.string("customer_email");
    const json::View details = object.object("customer_details");
    s.detailsEmail = details.string("email");
    s.customerName = details.string("name");
    s.billingAddress = Address::fromStripe(details.object("address"));

    json::View shipping = filled(object.object("collected_information").object("shipping_details"));
    if (shipping.isMissing()) // API versions before 2025-03-31 had it at the top level
        shipping = object.object("shipping_details");
    s.shippingAddress = Address::fromStripe(shipping.object("address"));
    if (s.customerName.isEmpty())
        s.customerName = shipping.string("name");

    for (const json::View &d : object.array("discounts").elements())
        if (d.isObject())
            s.discounts.append(readDiscount(d));

    s.metadata = object.object("metadata").stringMap();
    s.created = object.integer("created").value_or(0);
    s.expiresAt = object.integer("expires_at").value_or(0);
    return s;
}

QString CustomerContext::key() const
{
    if (!customerId.isEmpty())
        return customerId;
    if (!email.isEmpty())
        return u"email:"_s + email.toLower();
    return {};
}

CustomerContext CustomerContext::build(const SessionSnapshot &session,
                                       const std::optional<CustomerProfile> &profile)
{
    CustomerContext c;
    c.customerId = session.customerId;
    if (!session.detailsEmail.isEmpty())
        c.email = session.detailsEmail;
    else if (session.customer && !session.customer->email.isEmpty())
        c.email = session.customer->email;
    else
        c.email = session.customerEmail;

    c.address = session.shippingAddress.country.isEmpty() ? session.billingAddress
                                                          : session.shippingAddress;
    if (session.customer)
        c.metadata = session.customer->metadata;
    if (profile) {
        c.hasProfile = true;
        c.profile = *profile;
        if (c.customerId.isEmpty())
            c.customerId = profile->id;
        if (c.email.isEmpty())
            c.email = profile->email;
        for (auto it = profile->metadata.begin(); it != profile->metadata.end(); ++it)
            c.metadata.insert(it.key(), it.value());
    }
    c.loyaltyTier =
        (profile && !profile->loyaltyTier.isEmpty())
            ? profile->loyaltyTier
            : (session.customer ? session.customer->metadata.value(u"loyalty_tier"_s) : QString());
    return c;
}

} // namespace remise
