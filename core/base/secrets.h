#pragma once

#include "result.h"

#include <QProcessEnvironment>
#include <QString>

namespace remise {

/// Masks every Stripe secret (secret and restricted keys, webhook secrets, client secrets) found
/// in `text`, keeping the prefix and last four characters: "sk_test_…4242". Used by every log
/// handler and error path that could print a request.
QString redactSecrets(const QString &text);

/// A Stripe API key held for use, never shown in full.
class ApiKey
{
public:
    enum class Mode { Test, Live };

    /// Accepts sk_test_, sk_live_, rk_test_ and rk_live_ keys; refuses publishable keys and
    /// anything else with a message that says what was wrong (without echoing the key).
    static Result<ApiKey> parse(const QString &key);

    Mode mode() const { return m_mode; }
    bool isLive() const { return m_mode == Mode::Live; }
    /// "sk_test_…4242"
    QString redacted() const;
    /// The key itself, for the Authorization header only.
    const QString &reveal() const { return m_key; }

private:
    QString m_key;
    Mode m_mode = Mode::Test;
};

/// Where the secret key comes from: REMISE_STRIPE_SECRET_KEY, else STRIPE_SECRET_KEY, else the
/// file named by REMISE_STRIPE_SECRET_KEY_FILE (refused if group or others may read it). Never
/// from a settings file or the database.
Result<ApiKey> loadApiKey(const QProcessEnvironment &environment);

} // namespace remise
