#include "objects.h"

using namespace Qt::StringLiterals;

namespace remise::sandbox::objects {

bool isCurrency(const QString &code)
{
    return code.size() == 3 &&
           std::all_of(code.begin(), code.end(), [](QChar c) { return c >= u'a' && c <= u'z'; });
}

namespace {

QJsonValue orNull(const QString &s)
{
    return s.isEmpty() ? QJsonValue() : QJsonValue(s);
}

} // namespace

QJsonObject insertCustomer(State &state, const Customer &c, qint64 now)
{
    const QString id = c.id.isEmpty() ? state.newId(u"cus"_s, 14) : c.id;
    QJsonObject customer{
        {u"id"_s, id},
        {u"object"_s, u"customer"_s},
        {u"address"_s, c.address.isEmpty() ? QJsonValue() : QJsonValue(c.address)},
        {u"balance"_s, 0},
        {u"created"_s, now},
        {u"currency"_s, QJsonValue()},
        {u"default_source"_s, QJsonValue()},
        {u"delinquent"_s, false},
        {u"description"_s, orNull(c.description)},
        {u"discount"_s, QJsonValue()},
        {u"email"_s, orNull(c.email)},
        {u"invoice_prefix"_s, QString(id).remove(u"cus_"_s).remove(u'_').left(8).toUpper()},
        {u"invoice_settings"_s, QJsonObject{{u"custom_fields"_s, QJsonValue()},
                                            {u"default_payment_method"_s, QJsonValue()},
                                            {u"footer"_s, QJsonValue()},
                                            {u"rendering_options"_s, QJsonValue()}}},
        {u"livemode"_s, false},
        {u"metadata"_s, c.metadata},
        {u"name"_s, orNull(c.name)},
        {u"next_invoice_sequence"_s, 1},
        {u"phone"_s, orNull(c.phone)},
        {u"preferred_locales"_s, QJsonArray{}},
        {u"shipping"_s, QJsonValue()},
        {u"tax_exempt"_s, u"none"_s},
        {u"test_clock"_s, QJsonValue()}};
    if (!state.customers.contains(id))
        state.customerOrder.append(id);
    state.customers.insert(id, customer);
    return customer;
}

Made createCustomer(State &state, Params &params, qint64 now)
{
    params.allow({u"email"_s, u"name"_s, u"phone"_s, u"description"_s, u"metadata"_s, u"expand"_s});
    const QString email = params.string(u"email"_s, false, 512);
    const QString name = params.string(u"name"_s, false, 256);
    const QString phone = params.string(u"phone"_s, false, 20);
    const QString description = params.string(u"description"_s, false, 350);
    const QJsonObject metadata = params.metadata();
    if (!params.ok())
        return std::unexpected(params.error());
    if (!email.isEmpty() && !email.contains(u'@'))
        return std::unexpected(ApiError::invalid(u"Invalid email address: %1"_s.arg(email),
                                                 u"email"_s, u"email_invalid"_s));
    Customer c;
    c.email = email;
    c.name = name;
    c.phone = phone;
    c.description = description;
    c.metadata = metadata;
    return insertCustomer(state, c, now);
}

Made updateCustomer(State &state, const QString &id, Params &params)
{
    if (!state.customers.contains(id))
        return std::unexpected(ApiError::notFound(u"customer"_s, id));
    params.allow({u"email"_s, u"name"_s, u"phone"_s, u"description"_s, u"metadata"_s, u"expand"_s});
    QJsonObject customer = state.customers.value(id);
    for (const QString &field : {u"email"_s, u"name"_s, u"phone"_s, u"description"_s}) {
        if (params.has(field)) {
            const QString value = params.string(field, false, 512);
            customer.insert(field, orNull(value));
        }
    }
    if (params.has(u"metadata"_s)) {
        QJsonObject metadata = params.isEmptyValue(u"metadata"_s)
                                   ? QJsonObject()
                                   : customer.value(u"metadata").toObject();
        const QJsonObject changes = params.metadata();
        for (auto it = changes.begin(); it != changes.end(); ++it) {
            if (it.value().toString().isEmpty())
                metadata.remove(it.key());
            else
                metadata.insert(it.key(), it.value());
        }
        customer.insert(u"metadata"_s, metadata);
    }
    if (!params.ok())
        return std::unexpected(params.error());
    state.customers.insert(id, customer);
    return customer;
}

QJsonObject createProduct(State &state, const QString &name, const QString &id,
                          const QJsonObject &metadata, qint64 now)
{
    const QString productId = id.isEmpty() ? state.newId(u"prod"_s, 14) : id;
    QJsonObject product{{u"id"_s, productId},
                        {u"object"_s, u"product"_s},
                        {u"active"_s, true},
                        {u"created"_s, now},
                        {u"default_price"_s, QJsonValue()},
                        {u"description"_s, QJsonValue()},
                        {u"images"_s, QJsonArray{}},
                        {u"livemode"_s, false},
                        {u"metadata"_s, metadata},
                        {u"name"_s, name},
                        {u"shippable"_s, QJsonValue()},
                        {u"tax_code"_s, QJsonValue()},
                        {u"type"_s, u"service"_s},
                        {u"unit_label"_s, QJsonValue()},
                        {u"updated"_s, now},
                        {u"url"_s, QJsonValue()}};
    state.products.insert(productId, product);
    return product;
}

Made createProduct(State &state, Params &params, qint64 now)
{
    params.allow({u"name"_s, u"id"_s, u"metadata"_s, u"description"_s, u"expand"_s});
    const QString name = params.string(u"name"_s, true, 250);
    const QString id = params.string(u"id"_s, false, 200);
    const QJsonObject metadata = params.metadata();
    params.string(u"description"_s);
    if (!params.ok())
        return std::unexpected(params.error());
    if (!id.isEmpty() && state.products.contains(id))
        return std::unexpected(
            ApiError::invalid(u"Product already exists."_s, u"id"_s, u"resource_already_exists"_s));
    return createProduct(state, name, id, metadata, now);
}

QJsonObject createPrice(State &state, const QString &currency, qint64 unitAmount,
                        const QString &productId, const QString &id, qint64 now)
{
    const QString priceId = id.isEmpty() ? state.newId(u"price"_s, 24) : id;
    QJsonObject price{{u"id"_s, priceId},
                      {u"object"_s, u"price"_s},
                      {u"active"_s, true},
                      {u"billing_scheme"_s, u"per_unit"_s},
                      {u"created"_s, now},
                      {u"currency"_s, currency},
                      {u"custom_unit_amount"_s, QJsonValue()},
                      {u"livemode"_s, false},
                      {u"lookup_key"_s, QJsonValue()},
                      {u"metadata"_s, QJsonObject{}},
                      {u"nickname"_s, QJsonValue()},
                      {u"product"_s, productId},
                      {u"recurring"_s, QJsonValue()},
                      {u"tax_behavior"_s, u"unspecified"_s},
                      {u"tiers_mode"_s, QJsonValue()},
                      {u"transform_quantity"_s, QJsonValue()},
                      {u"type"_s, u"one_time"_s},
                      {u"unit_amount"_s, unitAmount},
                      {u"unit_amount_decimal"_s, QString::number(unitAmount)}};
    state.prices.insert(priceId, price);
    return price;
}

namespace {

// currency, unit_amount and product (or product_data[name]) from `p`.
Made readPrice(State &state, Params &p, qint64 now, bool inlineData)
{
    const QString currency = p.string(u"currency"_s, true).toLower();
    const auto amount = p.integer(u"unit_amount"_s, true, 0, 99'999'999);
    QString product = p.string(u"product"_s);
    std::optional<Params> productData = p.object(u"product_data"_s);
    QString productName;
    if (productData) {
        productData->allow(
            {u"name"_s, u"description"_s, u"metadata"_s, u"images"_s, u"tax_code"_s});
        productName = productData->string(u"name"_s, true, 250);
        productData->string(u"description"_s);
        productData->metadata();
        p.take(*productData);
    }
    if (!p.ok())
        return std::unexpected(p.error());
    if (!isCurrency(currency))
        return std::unexpected(
            ApiError::invalid(u"Invalid currency: %1"_s.arg(currency), p.name(u"currency"_s)));
    if (product.isEmpty() == !productData)
        return std::unexpected(ApiError::invalid(
            u"You must specify either `product` or `product_data` when creating a price."_s,
            p.name(inlineData ? u"product_data"_s : u"product"_s), u"parameter_missing"_s));
    if (!product.isEmpty() && !state.products.contains(product))
        return std::unexpected(ApiError::notFound(u"product"_s, product, p.name(u"product"_s)));
    if (productData)
        product = createProduct(state, productName, {}, {}, now).value(u"id").toString();
    return createPrice(state, currency, *amount, product, {}, now);
}

} // namespace

Made createPrice(State &state, Params &params, qint64 now)
{
    params.allow({u"currency"_s, u"unit_amount"_s, u"product"_s, u"product_data"_s, u"nickname"_s,
                  u"metadata"_s, u"expand"_s});
    const QString nickname = params.string(u"nickname"_s);
    const QJsonObject metadata = params.metadata();
    auto price = readPrice(state, params, now, false);
    if (!price)
        return price;
    price->insert(u"nickname"_s, nickname.isEmpty() ? QJsonValue() : QJsonValue(nickname));
    price->insert(u"metadata"_s, metadata);
    state.prices.insert(price->value(u"id").toString(), *price);
    return price;
}

Made priceFromData(State &state, Params &priceData, qint64 now)
{
    priceData.allow(
        {u"currency"_s, u"unit_amount"_s, u"product"_s, u"product_data"_s, u"tax_behavior"_s});
    priceData.oneOf(u"tax_behavior"_s, {u"inclusive"_s, u"exclusive"_s, u"unspecified"_s});
    return readPrice(state, priceData, now, true);
}

Made createCoupon(State &state, Params &params, qint64 now, const QString &sessionCurrency)
{
    const bool inlineData = !sessionCurrency.isEmpty();
    QStringList allowed = {u"amount_off"_s, u"percent_off"_s,        u"currency"_s,
                           u"duration"_s,   u"duration_in_months"_s, u"name"_s,
                           u"metadata"_s,   u"max_redemptions"_s,    u"redeem_by"_s};
    if (!inlineData)
        allowed << u"id"_s << u"expand"_s;
    params.allow(allowed);
    const auto amountOff = params.integer(u"amount_off"_s, false, 1, 99'999'999);
    const auto percentOff = params.number(u"percent_off"_s, 0.01, 100);
    const QString currency = params.string(u"currency"_s).toLower();
    const QString duration = params.oneOf(u"duration"_s, {u"once"_s, u"repeating"_s, u"forever"_s});
    const auto months = params.integer(u"duration_in_months"_s, false, 1, 120);
    const QString name = params.string(u"name"_s, false, 40);
    const QJsonObject metadata = params.metadata();
    const auto maxRedemptions = params.integer(u"max_redemptions"_s, false, 1, 100'000'000);
    const auto redeemBy = params.integer(u"redeem_by"_s, false, 0, 9'999'999'999);
    const QString id = inlineData ? QString() : params.string(u"id"_s, false, 200);
    if (!params.ok())
        return std::unexpected(params.error());
    if (amountOff.has_value() == percentOff.has_value())
        return std::unexpected(ApiError::invalid(
            u"You must pass exactly one of amount_off or percent_off."_s,
            params.name(amountOff ? u"percent_off"_s : u"amount_off"_s), u"parameter_missing"_s));
    if (amountOff && !isCurrency(currency))
        return std::unexpected(
            ApiError::invalid(u"You must pass a currency when passing amount_off."_s,
                              params.name(u"currency"_s), u"parameter_missing"_s));
    if (amountOff && inlineData && currency != sessionCurrency)
        return std::unexpected(ApiError::invalid(
            u"The coupon's currency (%1) must match the Checkout Session's currency (%2)."_s.arg(
                currency, sessionCurrency),
            params.name(u"currency"_s)));
    if (duration == u"repeating" && !months)
        return std::unexpected(
            ApiError::invalid(u"duration_in_months is required when duration is repeating."_s,
                              params.name(u"duration_in_months"_s), u"parameter_missing"_s));
    if (!id.isEmpty() && state.coupons.contains(id))
        return std::unexpected(
            ApiError::invalid(u"Coupon already exists."_s, u"id"_s, u"resource_already_exists"_s));
    const QString couponId = id.isEmpty() ? state.newId(u"co"_s, 8).mid(3) : id;
    QJsonObject coupon{
        {u"id"_s, couponId},
        {u"object"_s, u"coupon"_s},
        {u"amount_off"_s, amountOff ? QJsonValue(*amountOff) : QJsonValue()},
        {u"created"_s, now},
        {u"currency"_s, amountOff ? QJsonValue(currency) : QJsonValue()},
        {u"duration"_s, duration.isEmpty() ? u"once"_s : duration},
        {u"duration_in_months"_s, months ? QJsonValue(*months) : QJsonValue()},
        {u"livemode"_s, false},
        {u"max_redemptions"_s, maxRedemptions ? QJsonValue(*maxRedemptions) : QJsonValue()},
        {u"metadata"_s, metadata},
        {u"name"_s, name.isEmpty() ? QJsonValue() : QJsonValue(name)},
        {u"percent_off"_s, percentOff ? QJsonValue(*percentOff) : QJsonValue()},
        {u"redeem_by"_s, redeemBy ? QJsonValue(*redeemBy) : QJsonValue()},
        {u"times_redeemed"_s, 0},
        {u"valid"_s, true}};
    state.coupons.insert(couponId, coupon);
    state.couponOrder.append(couponId);
    return coupon;
}

} // namespace remise::sandbox::objects
