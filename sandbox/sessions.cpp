#include "sessions.h"

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace remise::sandbox::sessions {

namespace {

QJsonValue orNull(const QString &s)
{
    return s.isEmpty() ? QJsonValue() : QJsonValue(s);
}

ApiError notOpen(const Session &session)
{
    return ApiError::invalid(
        u"This Checkout Session is %1; only open sessions can be updated."_s.arg(session.status),
        {}, u"checkout_session_not_open"_s);
}

} // namespace

QJsonObject address(const QString &country, const QString &city, const QString &line1,
                    const QString &postalCode, const QString &state)
{
    return {{u"city"_s, orNull(city)},
            {u"country"_s, orNull(country)},
            {u"line1"_s, orNull(line1)},
            {u"line2"_s, QJsonValue()},
            {u"postal_code"_s, orNull(postalCode)},
            {u"state"_s, orNull(state)}};
}

QJsonObject customerDetails(const QString &email, const QString &name, const QJsonObject &addr)
{
    return {{u"address"_s, addr.isEmpty() ? QJsonValue() : QJsonValue(addr)},
            {u"business_name"_s, QJsonValue()},
            {u"email"_s, orNull(email)},
            {u"individual_name"_s, QJsonValue()},
            {u"name"_s, orNull(name)},
            {u"phone"_s, QJsonValue()},
            {u"tax_exempt"_s, u"none"_s},
            {u"tax_ids"_s, QJsonArray{}}};
}

bool isPreviewVersion(const QByteArray &version)
{
    return version.contains("checkout_server_update_beta=v1") ||
           version.trimmed().endsWith(".preview");
}

__extension__ using Wide = __int128; // GCC and Clang

Totals totals(const State &state, const Session &session)
{
    Totals t;
    for (const SessionItem &item : session.items) {
        const qint64 unit = state.prices.value(item.priceId).value(u"unit_amount").toInteger();
        t.itemSubtotals.append(unit * item.quantity);
        t.subtotal += unit * item.quantity;
    }
    if (!session.coupon.isEmpty()) {
        const QJsonObject coupon = state.coupons.value(session.coupon);
        if (coupon.value(u"amount_off").isDouble())
            t.discount = coupon.value(u"amount_off").toInteger();
        else
            t.discount = qint64(
                std::llround(double(t.subtotal) * coupon.value(u"percent_off").toDouble() / 100.0));
        t.discount = std::clamp<qint64>(t.discount, 0, t.subtotal);
    }
    t.total = t.subtotal - t.discount;
    // Spread the discount over the items in proportion, the rounding left-overs going to the
    // items with the largest remainders, so that the items add up to the session exactly.
    t.itemDiscounts = QList<qint64>(t.itemSubtotals.size(), 0);
    if (t.discount > 0 && t.subtotal > 0) {
        qint64 given = 0;
        QList<std::pair<qint64, qsizetype>> remainders;
        for (qsizetype i = 0; i < t.itemSubtotals.size(); ++i) {
            // discount * itemSubtotal does not fit 64 bits: an item reaches 99,999,999 ×
            // 999,999 (about 10^14) and the discount the whole subtotal (100 such items), so
            // the product is taken in 128 bits; quotient and remainder fit again.
            const Wide product = Wide(t.discount) * Wide(t.itemSubtotals.at(i));
            t.itemDiscounts[i] = qint64(product / t.subtotal);
            given += t.itemDiscounts.at(i);
            remainders.append({qint64(product % t.subtotal), i});
        }
        std::stable_sort(remainders.begin(), remainders.end(),
                         [](const auto &a, const auto &b) { return a.first > b.first; });
        for (qsizetype k = 0; given < t.discount && k < remainders.size(); ++k, ++given)
            t.itemDiscounts[remainders.at(k).second] += 1;
    }
    return t;
}

std::expected<Expand, ApiError> parseExpand(const QStringList &paths, bool list)
{
    Expand e;
    for (const QString &raw : paths) {
        QString path = raw;
        if (list) {
            if (!path.startsWith(u"data."_s))
                return std::unexpected(ApiError::invalid(
                    u"This property cannot be expanded (%1). You may want to try expanding 'data.%1' instead."_s
                        .arg(raw),
                    u"expand"_s));
            path = path.mid(5);
        }
        if (path == u"line_items")
            e.lineItems = true;
        else if (path == u"customer")
            e.customer = true;
        else if (path == u"discounts")
            e.discounts = true;
        else if (path == u"discounts.coupon")
            e.discounts = e.coupon = true;
        else if (path == u"discounts.promotion_code")
            e.discounts = e.promotionCode = true;
        else if (path == u"line_items.data.price.product")
            e.lineItems = e.product = true;
        else if (path == u"line_items.data.price")
            e.lineItems = true;
        else if (path == u"total_details.breakdown")
            e.breakdown = true;
        else if (path == u"payment_intent" || path == u"invoice" || path == u"subscription")
            continue; // nothing to expand in the sandbox
        else
            return std::unexpected(ApiError::invalid(
                u"This property cannot be expanded (%1)."_s.arg(raw), u"expand"_s));
    }
    return e;
}

QJsonObject renderLineItem(const State &state, const Session &session, qsizetype index,
                           const Totals &t, bool expandProduct)
{
    const SessionItem &item = session.items.at(index);
    QJsonObject price = state.prices.value(item.priceId);
    const QString productId = price.value(u"product").toString();
    const QJsonObject product = state.products.value(productId);
    if (expandProduct && !product.isEmpty())
        price.insert(u"product"_s, product);
    const qint64 subtotal = t.itemSubtotals.at(index);
    const qint64 discount = t.itemDiscounts.at(index);
    return {{u"id"_s, item.id},
            {u"object"_s, u"item"_s},
            {u"amount_discount"_s, discount},
            {u"amount_subtotal"_s, subtotal},
            {u"amount_tax"_s, 0},
            {u"amount_total"_s, subtotal - discount},
            {u"currency"_s, session.currency},
            {u"description"_s, product.value(u"name")},
            {u"metadata"_s, QJsonObject{}},
            {u"price"_s, price},
            {u"quantity"_s, item.quantity}};
}

QJsonObject discountObject(const State &state, const Session &s)
{
    return {{u"id"_s, s.discountId},
            {u"object"_s, u"discount"_s},
            {u"checkout_session"_s, s.id},
            {u"coupon"_s, state.coupons.value(s.coupon)},
            {u"customer"_s, orNull(s.customer)},
            {u"end"_s, QJsonValue()},
            {u"invoice"_s, QJsonValue()},
            {u"invoice_item"_s, QJsonValue()},
            {u"promotion_code"_s, QJsonValue()},
            {u"start"_s, s.discountStart},
            {u"subscription"_s, QJsonValue()},
            {u"subscription_item"_s, QJsonValue()}};
}

QJsonObject render(const State &state, const Session &s, const Expand &expand)
{
    const Totals t = totals(state, s);
    QJsonValue customer = orNull(s.customer);
    if (expand.customer && state.customers.contains(s.customer))
        customer = state.customers.value(s.customer);
    QJsonArray discounts;
    if (!s.coupon.isEmpty()) {
        const QJsonValue coupon =
            expand.coupon ? QJsonValue(state.coupons.value(s.coupon)) : QJsonValue(s.coupon);
        discounts.append(QJsonObject{{u"coupon"_s, coupon}, {u"promotion_code"_s, QJsonValue()}});
    }
    QJsonObject totalDetails{
        {u"amount_discount"_s, t.discount}, {u"amount_shipping"_s, 0}, {u"amount_tax"_s, 0}};
    if (expand.breakdown) {
        QJsonArray breakdown;
        if (!s.coupon.isEmpty())
            breakdown.append(
                QJsonObject{{u"amount"_s, t.discount}, {u"discount"_s, discountObject(state, s)}});
        totalDetails.insert(u"breakdown"_s,
                            QJsonObject{{u"discounts"_s, breakdown}, {u"taxes"_s, QJsonArray{}}});
    }
    QJsonObject permissions{{u"update_shipping_details"_s, orNull(s.updateShippingDetails)}};
    if (!s.updateDiscounts.isEmpty())
        permissions.insert(u"update_discounts"_s, s.updateDiscounts);
    const bool hosted = s.uiMode == u"hosted";
    QJsonObject out{
        {u"id"_s, s.id},
        {u"object"_s, u"checkout.session"_s},
        {u"adaptive_pricing"_s, QJsonObject{{u"enabled"_s, false}}},
        {u"after_expiration"_s, QJsonValue()},
        {u"allow_promotion_codes"_s, s.allowPromotionCodes},
        {u"amount_subtotal"_s, t.subtotal},
        {u"amount_total"_s, t.total},
        {u"automatic_tax"_s, QJsonObject{{u"enabled"_s, false},
                                         {u"liability"_s, QJsonValue()},
                                         {u"provider"_s, QJsonValue()},
                                         {u"status"_s, QJsonValue()}}},
        {u"billing_address_collection"_s, orNull(s.billingAddressCollection)},
        {u"cancel_url"_s, orNull(s.cancelUrl)},
        {u"client_reference_id"_s, orNull(s.clientReferenceId)},
        {u"client_secret"_s, hosted ? QJsonValue() : QJsonValue(s.id + u"_secret_sandbox"_s)},
        {u"collected_information"_s,
         s.shippingDetails.isNull()
             ? QJsonValue()
             : QJsonValue(QJsonObject{{u"business_name"_s, QJsonValue()},
                                      {u"individual_name"_s, QJsonValue()},
                                      {u"shipping_details"_s, s.shippingDetails}})},
        {u"consent"_s, QJsonValue()},
        {u"consent_collection"_s, QJsonValue()},
        {u"created"_s, s.created},
        {u"currency"_s, orNull(s.currency)},
        {u"currency_conversion"_s, QJsonValue()},
        {u"custom_fields"_s, QJsonArray{}},
        {u"custom_text"_s, QJsonObject{{u"after_submit"_s, QJsonValue()},
                                       {u"shipping_address"_s, QJsonValue()},
                                       {u"submit"_s, QJsonValue()},
                                       {u"terms_of_service_acceptance"_s, QJsonValue()}}},
        {u"customer"_s, customer},
        {u"customer_account"_s, QJsonValue()},
        {u"customer_creation"_s, orNull(s.customerCreation)},
        {u"customer_details"_s, s.customerDetails},
        {u"customer_email"_s, orNull(s.customerEmail)},
        {u"expires_at"_s, s.expiresAt},
        {u"integration_identifier"_s, QJsonValue()},
        {u"invoice"_s, QJsonValue()},
        {u"invoice_creation"_s, QJsonValue()},
        {u"livemode"_s, false},
        {u"locale"_s, orNull(s.locale)},
        {u"managed_payments"_s, QJsonObject{{u"enabled"_s, false}}},
        {u"metadata"_s, s.metadata},
        {u"mode"_s, s.mode},
        {u"origin_context"_s, QJsonValue()},
        {u"payment_intent"_s, orNull(s.paymentIntent)},
        {u"payment_link"_s, QJsonValue()},
        {u"payment_method_collection"_s, u"if_required"_s},
        {u"payment_method_configuration_details"_s, QJsonValue()},
        {u"payment_method_options"_s, QJsonObject{}},
        {u"payment_method_types"_s,
         s.paymentMethodTypes.isEmpty() ? QJsonArray{u"card"_s} : s.paymentMethodTypes},
        {u"payment_status"_s, s.paymentStatus},
        {u"permissions"_s, permissions},
        {u"phone_number_collection"_s, QJsonObject{{u"enabled"_s, false}}},
        {u"recovered_from"_s, QJsonValue()},
        {u"return_url"_s, orNull(s.returnUrl)},
        {u"saved_payment_method_options"_s, QJsonValue()},
        {u"setup_intent"_s, QJsonValue()},
        {u"shipping_address_collection"_s, s.shippingAddressCollection},
        {u"shipping_cost"_s, QJsonValue()},
        {u"shipping_options"_s, QJsonArray{}},
        {u"status"_s, s.status},
        {u"submit_type"_s, QJsonValue()},
        {u"subscription"_s, QJsonValue()},
        {u"success_url"_s, orNull(s.successUrl)},
        {u"total_details"_s, totalDetails},
        {u"ui_mode"_s, s.uiMode},
        {u"url"_s, hosted && s.status == u"open"
                       ? QJsonValue(u"https://checkout.stripe.com/c/pay/"_s + s.id)
                       : QJsonValue()},
        {u"wallet_options"_s, QJsonValue()}};
    // Always present, as in Stripe's schema (ids unless expanded; an empty list without one).
    out.insert(u"discounts"_s, discounts);
    if (expand.lineItems) {
        QJsonArray data;
        for (qsizetype i = 0; i < s.items.size(); ++i)
            data.append(renderLineItem(state, s, i, t, expand.product));
        out.insert(u"line_items"_s,
                   QJsonObject{{u"object"_s, u"list"_s},
                               {u"data"_s, data},
                               {u"has_more"_s, false},
                               {u"url"_s, u"/v1/checkout/sessions/%1/line_items"_s.arg(s.id)}});
    }
    return out;
}

namespace {

// line_items[i] on create, or on update (where `id` keeps an existing item).
std::optional<ApiError> readItems(State &state, Session &session, Params &params, qint64 now,
                                  bool update)
{
    QList<Params> items = params.objects(u"line_items"_s, session.mode == u"payment" && !update);
    if (!params.ok())
        return params.error();
    if (items.size() > 100)
        return ApiError::invalid(u"A Checkout Session can hold at most 100 line items."_s,
                                 u"line_items"_s);
    QList<SessionItem> result;
    QString currency;
    for (Params &item : items) {
        item.allow(
            update ? QStringList{u"id"_s, u"price"_s, u"price_data"_s, u"quantity"_s, u"metadata"_s}
                   : QStringList{u"price"_s, u"price_data"_s, u"quantity"_s});
        const QString id = update ? item.string(u"id"_s) : QString();
        const auto quantity = item.integer(u"quantity"_s, !update, 1, 999'999);
        const QString price = item.string(u"price"_s);
        std::optional<Params> priceData = item.object(u"price_data"_s);
        if (update)
            item.metadata();
        if (!item.ok())
            return item.error();
        SessionItem line;
        if (!id.isEmpty()) {
            const auto existing = std::find_if(session.items.begin(), session.items.end(),
                                               [&](const SessionItem &i) { return i.id == id; });
            if (existing == session.items.end())
                return ApiError::invalid(u"No such line item: '%1'"_s.arg(id), item.name(u"id"_s),
                                         u"resource_missing"_s);
            if (!price.isEmpty() || priceData)
                return ApiError::invalid(u"An existing line item's price cannot be changed."_s,
                                         item.name(u"price"_s));
            line = *existing;
        } else {
            if (price.isEmpty() == !priceData)
                return ApiError::invalid(
                    u"You must specify either `price` or `price_data` for each line item."_s,
                    item.name(u"price"_s), u"parameter_missing"_s);
            if (!quantity)
                return ApiError::invalid(
                    u"Missing required param: %1."_s.arg(item.name(u"quantity"_s)),
                    item.name(u"quantity"_s), u"parameter_missing"_s);
            if (!price.isEmpty()) {
                if (!state.prices.contains(price))
                    return ApiError::notFound(u"price"_s, price, item.name(u"price"_s));
                line.priceId = price;
            } else {
                auto made = objects::priceFromData(state, *priceData, now);
                if (!made)
                    return made.error();
                line.priceId = made->value(u"id").toString();
            }
            line.id = state.newId(u"li"_s, 24);
        }
        if (quantity)
            line.quantity = *quantity;
        const QString itemCurrency = state.prices.value(line.priceId).value(u"currency").toString();
        if (!currency.isEmpty() && itemCurrency != currency)
            return ApiError::invalid(
                u"All line items must share one currency (%1 and %2 given)."_s.arg(currency,
                                                                                   itemCurrency),
                item.name(u"price"_s));
        currency = itemCurrency;
        result.append(line);
    }
    if (update && result.isEmpty())
        return ApiError::invalid(u"A Checkout Session needs at least one line item."_s,
                                 u"line_items"_s);
    if (!session.currency.isEmpty() && !currency.isEmpty() && currency != session.currency)
        return ApiError::invalid(
            u"The line items' currency (%1) differs from the session's (%2)."_s.arg(
                currency, session.currency),
            u"line_items"_s);
    session.items = result;
    if (!currency.isEmpty())
        session.currency = currency;
    return std::nullopt;
}

// A new Discount object for the coupon now on the session (Stripe makes one per application).
void applyCoupon(State &state, Session &session, const QString &coupon, qint64 now)
{
    session.coupon = coupon;
    session.discountId = state.newId(u"di"_s, 24);
    session.discountStart = now;
}

void clearCoupon(Session &session)
{
    session.coupon.clear();
    session.discountId.clear();
    session.discountStart = 0;
}

// discounts (create: coupon or promotion_code; update: coupon, coupon_data, or empty).
std::optional<ApiError> readDiscounts(State &state, Session &session, Params &params, qint64 now,
                                      bool update)
{
    if (params.isEmptyValue(u"discounts"_s)) {
        clearCoupon(session);
        return std::nullopt;
    }
    QList<Params> discounts = params.objects(u"discounts"_s);
    if (!params.ok())
        return params.error();
    if (discounts.size() > 1)
        return ApiError::invalid(
            u"A Checkout Session can carry only one discount (a coupon or a promotion code)."_s,
            u"discounts"_s);
    if (discounts.isEmpty()) {
        clearCoupon(session);
        return std::nullopt;
    }
    Params &d = discounts.first();
    d.allow(update ? QStringList{u"coupon"_s, u"coupon_data"_s}
                   : QStringList{u"coupon"_s, u"promotion_code"_s});
    const QString coupon = d.string(u"coupon"_s);
    const QString promotion = update ? QString() : d.string(u"promotion_code"_s);
    std::optional<Params> data = update ? d.object(u"coupon_data"_s) : std::nullopt;
    if (!d.ok())
        return d.error();
    const int given = int(!coupon.isEmpty()) + int(!promotion.isEmpty()) + int(data.has_value());
    if (given != 1)
        return ApiError::invalid(
            update ? u"Each discount needs exactly one of `coupon` or `coupon_data`."_s
                   : u"Each discount needs exactly one of `coupon` or `promotion_code`."_s,
            d.name(u"coupon"_s), u"parameter_missing"_s);
    if (!promotion.isEmpty())
        return ApiError::notFound(u"promotion code"_s, promotion, d.name(u"promotion_code"_s));
    if (!coupon.isEmpty()) {
        if (!state.coupons.contains(coupon))
            return ApiError::notFound(u"coupon"_s, coupon, d.name(u"coupon"_s));
        const QJsonObject c = state.coupons.value(coupon);
        if (c.value(u"currency").isString() && !session.currency.isEmpty() &&
            c.value(u"currency").toString() != session.currency)
            return ApiError::invalid(
                u"The coupon's currency (%1) must match the Checkout Session's currency (%2)."_s
                    .arg(c.value(u"currency").toString(), session.currency),
                d.name(u"coupon"_s));
        applyCoupon(state, session, coupon, now);
        return std::nullopt;
    }
    auto made = objects::createCoupon(state, *data, now, session.currency);
    if (!made)
        return made.error();
    applyCoupon(state, session, made->value(u"id").toString(), now);
    return std::nullopt;
}

ApiError unknownParameter(const QString &name)
{
    return ApiError::invalid(u"Received unknown parameter: %1"_s.arg(name), name,
                             u"parameter_unknown"_s);
}

} // namespace

std::expected<Session, ApiError> create(State &state, Params &params, qint64 now, bool preview)
{
    params.allow({u"mode"_s,
                  u"line_items"_s,
                  u"customer"_s,
                  u"customer_email"_s,
                  u"metadata"_s,
                  u"permissions"_s,
                  u"success_url"_s,
                  u"cancel_url"_s,
                  u"return_url"_s,
                  u"ui_mode"_s,
                  u"client_reference_id"_s,
                  u"currency"_s,
                  u"locale"_s,
                  u"expires_at"_s,
                  u"payment_method_types"_s,
                  u"shipping_address_collection"_s,
                  u"billing_address_collection"_s,
                  u"customer_creation"_s,
                  u"allow_promotion_codes"_s,
                  u"discounts"_s,
                  u"expand"_s});
    Session s;
    s.mode = params.oneOf(u"mode"_s, {u"payment"_s, u"setup"_s, u"subscription"_s}, true);
    s.customer = params.string(u"customer"_s);
    s.customerEmail = params.string(u"customer_email"_s, false, 800);
    s.metadata = params.metadata();
    s.successUrl = params.string(u"success_url"_s);
    s.cancelUrl = params.string(u"cancel_url"_s);
    s.returnUrl = params.string(u"return_url"_s);
    const QString uiMode = params.oneOf(u"ui_mode"_s, {u"hosted"_s, u"embedded"_s, u"custom"_s});
    s.clientReferenceId = params.string(u"client_reference_id"_s, false, 200);
    const QString currency = params.string(u"currency"_s).toLower();
    s.locale = params.string(u"locale"_s);
    const auto expiresAt = params.integer(u"expires_at"_s, false, 0, 9'999'999'999);
    s.paymentMethodTypes = QJsonArray::fromStringList(params.strings(u"payment_method_types"_s));
    if (auto collection = params.object(u"shipping_address_collection"_s)) {
        collection->allow({u"allowed_countries"_s});
        s.shippingAddressCollection =
            QJsonObject{{u"allowed_countries"_s,
                         QJsonArray::fromStringList(collection->strings(u"allowed_countries"_s))}};
        params.take(*collection);
    }
    const QString billing =
        params.oneOf(u"billing_address_collection"_s, {u"auto"_s, u"required"_s});
    const QString creation = params.oneOf(u"customer_creation"_s, {u"if_required"_s, u"always"_s});
    const auto allowPromotions = params.boolean(u"allow_promotion_codes"_s);
    if (auto permissions = params.object(u"permissions"_s)) {
        permissions->allow(
            {u"update_discounts"_s, u"update_shipping_details"_s, u"update_line_items"_s});
        if (permissions->has(u"update_discounts"_s) && !preview)
            return std::unexpected(unknownParameter(permissions->name(u"update_discounts"_s)));
        s.updateDiscounts =
            permissions->oneOf(u"update_discounts"_s, {u"client_only"_s, u"server_only"_s});
        s.updateShippingDetails =
            permissions->oneOf(u"update_shipping_details"_s, {u"client_only"_s, u"server_only"_s});
        permissions->oneOf(u"update_line_items"_s, {u"client_only"_s, u"server_only"_s});
        params.take(*permissions);
    }
    if (!params.ok())
        return std::unexpected(params.error());

    if (s.mode == u"subscription")
        return std::unexpected(ApiError::invalid(
            u"The sandbox supports payment and setup mode only; subscription sessions need recurring prices."_s,
            u"mode"_s));
    if (!s.customer.isEmpty() && !s.customerEmail.isEmpty())
        return std::unexpected(ApiError::invalid(
            u"You may only specify one of these parameters: customer, customer_email."_s,
            u"customer_email"_s));
    if (!s.customer.isEmpty() && !state.customers.contains(s.customer))
        return std::unexpected(ApiError::notFound(u"customer"_s, s.customer, u"customer"_s));
    if (!currency.isEmpty() && !objects::isCurrency(currency))
        return std::unexpected(
            ApiError::invalid(u"Invalid currency: %1"_s.arg(currency), u"currency"_s));
    if (s.mode == u"setup" && currency.isEmpty())
        return std::unexpected(ApiError::invalid(u"currency is required in setup mode."_s,
                                                 u"currency"_s, u"parameter_missing"_s));
    if (expiresAt && (*expiresAt < now + 1800 || *expiresAt > now + 86400))
        return std::unexpected(ApiError::invalid(
            u"expires_at must be between 30 minutes and 24 hours from now."_s, u"expires_at"_s));
    if (allowPromotions.value_or(false) && params.has(u"discounts"_s))
        return std::unexpected(ApiError::invalid(
            u"You may only specify one of these parameters: allow_promotion_codes, discounts."_s,
            u"discounts"_s));

    s.currency = currency;
    if (auto error = readItems(state, s, params, now, false))
        return std::unexpected(*error);
    if (s.mode == u"setup")
        s.items.clear();
    if (params.has(u"discounts"_s)) {
        if (auto error = readDiscounts(state, s, params, now, false))
            return std::unexpected(*error);
    }
    s.id = state.newId(u"cs_test"_s, 58);
    s.seq = state.nextSeq();
    s.created = now;
    s.expiresAt = expiresAt.value_or(now + 86400);
    s.uiMode = uiMode.isEmpty() ? u"hosted"_s : uiMode;
    if (!billing.isEmpty())
        s.billingAddressCollection = billing;
    if (!creation.isEmpty())
        s.customerCreation = creation;
    if (allowPromotions)
        s.allowPromotionCodes = *allowPromotions;
    if (!s.customer.isEmpty()) {
        const QJsonObject customer = state.customers.value(s.customer);
        const QString email = customer.value(u"email").toString();
        if (!email.isEmpty())
            s.customerDetails = customerDetails(email, customer.value(u"name").toString(), {});
    }
    return s;
}

std::optional<ApiError> update(State &state, Session &session, Params &params, qint64 now,
                               bool preview)
{
    params.allow(
        {u"discounts"_s, u"metadata"_s, u"collected_information"_s, u"line_items"_s, u"expand"_s});
    if (!params.ok())
        return params.error();
    if (params.has(u"discounts"_s) && !preview)
        return unknownParameter(u"discounts"_s); // the GA API does not know it
    if (session.status != u"open")
        return notOpen(session);

    if (params.has(u"metadata"_s)) {
        const bool clear = params.isEmptyValue(u"metadata"_s);
        const QJsonObject changes = params.metadata();
        if (!params.ok())
            return params.error();
        if (clear)
            session.metadata = {};
        for (auto it = changes.begin(); it != changes.end(); ++it) {
            if (it.value().toString().isEmpty())
                session.metadata.remove(it.key());
            else
                session.metadata.insert(it.key(), it.value());
        }
    }
    if (auto collected = params.object(u"collected_information"_s)) {
        collected->allow({u"shipping_details"_s});
        if (auto shipping = collected->object(u"shipping_details"_s, true)) {
            shipping->allow({u"name"_s, u"address"_s});
            const QString name = shipping->string(u"name"_s, true);
            if (auto addr = shipping->object(u"address"_s, true)) {
                addr->allow({u"line1"_s, u"line2"_s, u"city"_s, u"postal_code"_s, u"state"_s,
                             u"country"_s});
                QJsonObject a = address(addr->string(u"country"_s, true).toUpper(),
                                        addr->string(u"city"_s), addr->string(u"line1"_s),
                                        addr->string(u"postal_code"_s), addr->string(u"state"_s));
                const QString line2 = addr->string(u"line2"_s);
                if (!line2.isEmpty())
                    a.insert(u"line2"_s, line2);
                shipping->take(*addr);
                session.shippingDetails = QJsonObject{{u"address"_s, a}, {u"name"_s, name}};
            }
            collected->take(*shipping);
        }
        params.take(*collected);
        if (!params.ok())
            return params.error();
    }
    if (params.has(u"line_items"_s)) {
        if (auto error = readItems(state, session, params, now, true))
            return error;
    }
    if (params.has(u"discounts"_s)) {
        if (session.updateDiscounts != u"server_only")
            return ApiError::invalid(
                u"This Checkout Session's discounts can only be updated from your server when it was created with permissions[update_discounts]=server_only."_s,
                u"discounts"_s);
        if (auto error = readDiscounts(state, session, params, now, true))
            return error;
    }
    return std::nullopt;
}

} // namespace remise::sandbox::sessions
