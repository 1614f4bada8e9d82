#pragma once

#include "result.h"
#include "secrets.h"

#include <QProcessEnvironment>
#include <QStringList>
#include <QUrl>

#include <chrono>
#include <optional>

namespace remise {

/// Error code of an invalid setting (a variable, a config file line); Error::path names it.
namespace errc {
inline const QString invalidSetting = QStringLiteral("invalid_setting");
} // namespace errc

/// Everything configurable about Remise, parsed and validated once from the environment and an
/// optional config file (docs/cli.md, "Configuration"), then shared by the command line, the
/// service and the desktop app. Precedence: the command line (applied by the caller after
/// load()) > environment variables > the config file > defaults.
///
/// The secret key comes only from the environment or a key file only its owner can read, never
/// from the config file itself. It is never printed: describe() masks it.
struct Settings
{
    QString secretKey; ///< never printed; describe() masks it. Empty when none is configured.
    QString keySource; ///< "REMISE_STRIPE_SECRET_KEY", "STRIPE_SECRET_KEY", "file:/path", or empty
    /// Why no usable key is configured (no key at all, an unreadable or insecure key file, a
    /// publishable key…). Reported by apiKey() to commands that need the key, so that commands
    /// working offline are not stopped by a key they do not use.
    std::optional<Error> keyError;

    QUrl apiBase = QUrl(QStringLiteral("https://api.stripe.com"));
    QString apiVersion = QStringLiteral("2025-03-31.basil; checkout_server_update_beta=v1");
    std::chrono::milliseconds stripeTimeout{18'000};  ///< one Stripe call, retries included
    std::chrono::milliseconds attemptTimeout{10'000}; ///< one attempt (never above stripeTimeout)

    QString databasePath;   ///< REMISE_DB, else `database` of the config file, else the data dir
    QString databaseSource; ///< "REMISE_DB", "config:/path", "default" (or "--db" once overridden)

    bool allowLive = false;               ///< live keys accepted (`allow_live = true`)
    bool replaceForeignDiscounts = false; ///< foreign_discounts = replace (default keep)

    // The service (`remise-server serve`).
    QString listen = QStringLiteral("127.0.0.1:4242");
    QStringList allowedOrigins; ///< exact origins ("https://shop.example"), none by default
    int rateLimit = 10;         ///< requests per second per client; 0 turns it off
    QStringList webhookSecrets; ///< whsec_…: the current one first, then previous ones

    QString configFile; ///< the config file read, empty when none

    /// Reads the environment and, when given, the config file. Fails on the first invalid
    /// value with a message naming the variable or the file and line (Error::path names the
    /// setting). A missing or unusable secret key is not an error here: see keyError.
    static Result<Settings> load(const QProcessEnvironment &env, const QString &configFile = {});

    /// The secret key, parsed; keyError when there is none or it is unusable. (Live keys are
    /// refused by the Stripe client unless allowLive.)
    Result<ApiKey> apiKey() const;

    /// The default database: <data dir>/remise/remise.db.
    static QString defaultDatabasePath();

    /// One "name = value" line per setting, for --verbose and diagnostics. Secrets masked.
    QString describe() const;
};

} // namespace remise
