#include "session.h"

#include "json.h"
#include "money.h"

using namespace Qt::StringLiterals;

namespace remise {

namespace {

// `price.product` and `customer` are ids, or objects when expanded.
QString idOf(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    return value.toObject().value(u"id").toString();
}

SessionDiscount readDiscount(const QJsonObject &object)
{
    SessionDiscount d;
    const QJsonValue coupon = object.value(u"coupon");
    const QJsonValue promotion = object.value(u"promotion_code");
    d.promotionCodeId = idOf(promotion);
    QJsonObject couponObject = coupon.toObject();
    if (couponObject.isEmpty() && promotion.isObject()) {
        // An expanded promotion code carries its coupon (`coupon`, or `promotion.coupon` in
        // recent versions).
        const QJsonObject promo = promotion.toObject();
        const QJsonValue inner = promo.contains(u"coupon")
                                     ? promo.value(u"coupon")
                                     : json::object(promo, u"promotion").value(u"coupon");
        couponObject = inner.toObject();
        if (couponObject.isEmpty())
            d.couponId = inner.toString();
    }
    if (!couponObject.isEmpty()) {
        d.couponExpanded = true;
        d.couponId = json::string(couponObject, u"id");
        d.amountOff = json::integer(couponObject, u"amount_off");
        const QJsonValue percent = couponObject.value(u"percent_off");
        if (percent.isDouble())
            d.percentOff = percent.toDouble();
        d.currency = json::string(couponObject, u"currency");
        d.name = json::string(couponObject, u"name");
        d.metadata = json::stringMap(json::object(couponObject, u"metadata"));
    } else if (d.couponId.isEmpty()) {
        d.couponId = coupon.toString();
    }
    return d;
}

Result<LineItem> readLineItem(const QJsonObject &object, const QString &path)
{
    LineItem item;
    item.id = json::string(object, u"id");
    item.description = json::string(object, u"description");
    const QJsonObject price = json::object(object, u"price");
    item.priceId = json::string(price, u"id");
    item.productId = idOf(price.value(u"product"));
    item.quantity = json::integer(object, u"quantity").value_or(1);
    item.unitAmount = json::integer(price, u"unit_amount").value_or(0);
    const auto subtotal = json::integer(object, u"amount_subtotal");
    if (subtotal) {
        item.amountSubtotal = *subtotal;
    } else if (json::integer(price, u"unit_amount")) {
        item.amountSubtotal = item.unitAmount * item.quantity;
    } else {
        return fail(errc::missingValue,
                    u"line item has neither amount_subtotal nor price.unit_amount"_s,
                    json::at(path, u"amount_subtotal"));
    }
    if (item.amountSubtotal < 0)
        return fail(errc::invalidValue, u"amount_subtotal is negative"_s,
                    json::at(path, u"amount_subtotal"));
    item.amountDiscount = json::integer(object, u"amount_discount").value_or(0);
    item.amountTotal = json::integer(object, u"amount_total").value_or(item.amountSubtotal);
    return item;
}

} // namespace

Result<SessionSnapshot> SessionSnapshot::fromStripe(const QJsonObject &object)
{
    SessionSnapshot s;
    const QJsonValue objectType = object.value(u"object");
    if (objectType.isString() && objectType.toString() != u"checkout.session")
        return fail(
            errc::invalidValue,
            u"expected a Checkout Session, got a \"%1\" object"_s.arg(objectType.toString()),
            u"session.object"_s);
    s.id = json::string(object, u"id");
    if (s.id.isEmpty())
        return fail(errc::missingValue, u"the Checkout Session has no id"_s, u"session.id"_s);
    if (!s.id.startsWith(u"cs_"_s))
        return fail(errc::invalidValue,
                    u"\"%1\" is not a Checkout Session id (cs_test_… or cs_live_…)"_s.arg(s.id),
                    u"session.id"_s);

    s.status = json::string(object, u"status");
    s.mode = json::string(object, u"mode");
    s.paymentStatus = json::string(object, u"payment_status");
    s.livemode = object.value(u"livemode").toBool();
    s.currency = json::string(object, u"currency");
    if (s.currency.isEmpty())
        return fail(errc::missingValue,
                    u"session %1 has no currency (currency is null)"_s.arg(s.id),
                    u"session.currency"_s);
    if (!currency::isValidCode(s.currency))
        return fail(errc::invalidValue,
                    u"\"%1\" is not a lowercase ISO currency code"_s.arg(s.currency),
                    u"session.currency"_s);

    const QJsonValue lineItems = object.value(u"line_items");
    if (lineItems.isObject()) {
        s.hasLineItems = true;
        const QJsonObject list = lineItems.toObject();
        s.lineItemsComplete = !list.value(u"has_more").toBool();
        const QJsonArray data = json::array(list, u"data");
        for (qsizetype i = 0; i < data.size(); ++i) {
            auto item =
                readLineItem(data.at(i).toObject(), json::at(u"session.line_items.data"_s, i));
            if (!item)
                return fail(item.error());
            s.lineItems.append(*item);
        }
    }

    if (const auto subtotal = json::integer(object, u"amount_subtotal")) {
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
    s.amountTotal = json::integer(object, u"amount_total");
    s.amountDiscount =
        json::integer(json::object(object, u"total_details"), u"amount_discount").value_or(0);

    const QJsonValue customer = object.value(u"customer");
    if (customer.isObject()) {
        auto parsed = StripeCustomer::fromStripe(customer.toObject());
        if (parsed) {
            s.customerId = parsed->id;
            s.customer = *parsed;
        } else {
            // A deleted customer is still an id the session names.
            s.customerId = json::string(customer.toObject(), u"id");
        }
    } else {
        s.customerId = customer.toString();
    }
    s.customerEmail = json::string(object, u"customer_email");
    const QJsonObject details = json::object(object, u"customer_details");
    s.detailsEmail = json::string(details, u"email");
    s.customerName = json::string(details, u"name");
    s.billingAddress = Address::fromStripe(json::object(details, u"address"));

    QJsonObject shipping =
        json::object(json::object(object, u"collected_information"), u"shipping_details");
    if (shipping.isEmpty()) // API versions before 2025-03-31 had it at the top level
        shipping = json::object(object, u"shipping_details");
    s.shippingAddress = Address::fromStripe(json::object(shipping, u"address"));
    if (s.customerName.isEmpty())
        s.customerName = json::string(shipping, u"name");

    const QJsonArray discounts = json::array(object, u"discounts");
    for (const QJsonValue &d : discounts)
        if (d.isObject())
            s.discounts.append(readDiscount(d.toObject()));

    s.metadata = json::stringMap(json::object(object, u"metadata"));
    s.created = json::integer(object, u"created").value_or(0);
    s.expiresAt = json::integer(object, u"expires_at").value_or(0);
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
