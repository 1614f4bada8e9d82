#include "customer.h"

#include "json.h"

using namespace Qt::StringLiterals;

namespace remise {

Address Address::fromStripe(const QJsonObject &object)
{
    Address a;
    a.line1 = json::string(object, u"line1");
    a.line2 = json::string(object, u"line2");
    a.city = json::string(object, u"city");
    a.postalCode = json::string(object, u"postal_code");
    a.state = json::string(object, u"state");
    a.country = json::string(object, u"country").toUpper();
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

Result<StripeCustomer> StripeCustomer::fromStripe(const QJsonObject &object)
{
    StripeCustomer c;
    c.id = json::string(object, u"id");
    if (c.id.isEmpty())
        return fail(errc::missingValue, u"the customer object has no id"_s, u"customer.id"_s);
    if (object.value(u"deleted").toBool())
        return fail(errc::notFound, u"customer %1 has been deleted"_s.arg(c.id), u"customer"_s);
    c.email = json::string(object, u"email");
    c.name = json::string(object, u"name");
    c.metadata = json::stringMap(json::object(object, u"metadata"));
    return c;
}

} // namespace remise
