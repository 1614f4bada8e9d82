#include "secrets.h"

#include <QFile>
#include <QRegularExpression>

#include <algorithm>
#include <array>

using namespace Qt::StringLiterals;

namespace remise {

namespace {

QString mask(QStringView prefix, QStringView secret)
{
    if (secret.size() <= 8)
        return prefix + u"…"_s;
    return prefix + u"…"_s + secret.right(4);
}

} // namespace

QString redactSecrets(const QString &text)
{
    // Key bodies are alphanumeric; client secrets are "cs_..._secret_...". No word boundary
    // before the prefix: escaped or URL-encoded text puts a letter or digit right before a key
    // ("\nsk_live_…", "%3Dsk_live_…"), and masking a look-alike is better than leaking a key.
    static const QRegularExpression pattern(
        u"((?:sk|rk)_(?:test|live)_|whsec_|pk_(?:test|live)_|[A-Za-z0-9_]+_secret_)([A-Za-z0-9]+)"_s);
    // Every match holds one of these: text without any (most of it) skips the expression.
    static constexpr std::array<QStringView, 3> markers{u"k_", u"whsec_", u"_secret_"};
    if (std::none_of(markers.begin(), markers.end(),
                     [&](QStringView m) { return text.contains(m); }))
        return text;
    QString out;
    qsizetype last = 0;
    auto it = pattern.globalMatch(text);
    if (!it.hasNext())
        return text;
    while (it.hasNext()) {
        const auto match = it.next();
        out += QStringView(text).mid(last, match.capturedStart() - last);
        out += mask(match.capturedView(1), match.capturedView(2));
        last = match.capturedEnd();
    }
    out += QStringView(text).mid(last);
    return out;
}

Result<ApiKey> ApiKey::parse(const QString &key)
{
    const QString trimmed = key.trimmed();
    if (trimmed.isEmpty())
        return fail(errc::missingKey, u"No Stripe secret key is configured."_s);
    if (trimmed.startsWith(u"pk_"_s))
        return fail(
            errc::invalidKey,
            u"A publishable key (pk_…) cannot be used on a server; use a secret (sk_…) or restricted (rk_…) key."_s);
    static const QRegularExpression shape(u"^(sk|rk)_(test|live)_[A-Za-z0-9]+$"_s);
    const auto match = shape.match(trimmed);
    if (!match.hasMatch())
        return fail(
            errc::invalidKey,
            u"The Stripe key is not shaped like a secret key (sk_test_…, sk_live_…, rk_test_… or rk_live_…)."_s);
    ApiKey apiKey;
    apiKey.m_key = trimmed;
    apiKey.m_mode = match.capturedView(2) == u"live" ? Mode::Live : Mode::Test;
    return apiKey;
}

Result<ApiKey> loadApiKey(const QProcessEnvironment &environment)
{
    for (const QString &name : {u"REMISE_STRIPE_SECRET_KEY"_s, u"STRIPE_SECRET_KEY"_s}) {
        const QString value = environment.value(name).trimmed();
        if (value.isEmpty())
            continue;
        auto key = ApiKey::parse(value);
        if (!key)
            return fail(key.error().code, name + u": "_s + key.error().message);
        return key;
    }
    const QString path = environment.value(u"REMISE_STRIPE_SECRET_KEY_FILE"_s);
    if (path.isEmpty())
        return fail(
            errc::missingKey,
            u"no Stripe secret key: set REMISE_STRIPE_SECRET_KEY (or STRIPE_SECRET_KEY), or REMISE_STRIPE_SECRET_KEY_FILE to a file only you can read"_s);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(errc::missingKey,
                    u"cannot read the key file %1: %2"_s.arg(path, file.errorString()));
    if (file.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther |
                              QFileDevice::WriteGroup | QFileDevice::WriteOther))
        return fail(
            errc::insecureKeyFile,
            u"the key file %1 can be read or changed by other users; restrict it with: chmod "
            u"600 %1"_s.arg(path));
    auto key = ApiKey::parse(QString::fromUtf8(file.readAll()));
    if (!key)
        return fail(key.error().code, path + u": "_s + key.error().message);
    return key;
}

QString ApiKey::redacted() const
{
    return redactSecrets(m_key);
}

} // namespace remise
