#include "customer.h"

#include "json.h"

using namespace Qt::StringLiterals;

namespace remise {

Address Address::fromStripe(const json::View &object)
{
    Address a;
    a.line1 = object.string("line1");
    a.line2 = object.string("line2");
    a.city = object.string("city");
    a.postalCode = object.string("postal_code");
    a.state = object.string("state");
    a.country = object.string("country").toUpper();
    return a;
}

QJsonObject Address::toJson() const
{
    const auto orNull = [](const QString &s) {
        return s.isEmpty() ? QJsonValue() : QJsonValue(s);
    };
    return {{u"line1"_s, orNull(line1)}, {u"line2"_s, orNull(line2)},
            {u"city"_s, orNull(city)},   {u"postal_code"_s, orNull(postalCode)},
            {u"state"_s, orNull(state)}, {u"country"_s, orNull(country)}};
}

Result<StripeCustomer> StripeCustomer::fromStripe(const json::View &object)
{
    StripeCustomer c;
    c.id = object.string("id");
    if (c.id.isEmpty())
        return fail(errc::missingValue, u"the customer object has no id"_s, u"customer.id"_s);
    if (object.value("deleted").toBool())
        return fail(errc::notFound, u"customer %1 has been deleted"_s.arg(c.id), u"customer"_s);
    c.email = object.string("email");
    c.name = object.string("name");
    c.metadata = object.object("metadata").stringMap();
    return c;
}

} // namespace remise
