#pragma once

#include "result.h"
#include "secrets.h"

#include <QObject>
#include <QProcessEnvironment>

#include <functional>
#include <optional>

namespace remise::ui {

/// Where the desktop app keeps the Stripe secret key (docs/desktop.md): the system keychain
/// through QtKeychain; where there is none (CI, servers, a desktop without a secret service),
/// the environment variable or a file only the user can read. Never the database, never
/// QSettings, never a log.
class KeyStore : public QObject
{
    Q_OBJECT
public:
    enum class Source { None, Environment, Keychain, File, Demo };

    struct Lookup
    {
        std::optional<ApiKey> key;
        Source source = Source::None;
        QString where; ///< the variable name or the file path
        bool keychainAvailable = false;
        QString keychainProblem; ///< why there is no keychain, for the screen
        QString error;           ///< a key was found but is unusable (why)
    };
    struct Saved
    {
        bool ok = false;
        Source source = Source::None;
        QString where;
        QString error;
    };

    explicit KeyStore(QProcessEnvironment environment = QProcessEnvironment::systemEnvironment(),
                      QObject *parent = nullptr);

    /// The key in use: REMISE_STRIPE_SECRET_KEY (or STRIPE_SECRET_KEY, or the file named by
    /// REMISE_STRIPE_SECRET_KEY_FILE) wins, as for the command line; then the keychain; then
    /// the app's own 0600 file. Also probes the keychain, so the screen can say whether it
    /// exists.
    void load(QObject *context, std::function<void(Lookup)> done);
    /// Stores a key: in the keychain when there is one, else in the 0600 file.
    void save(const QString &key, QObject *context, std::function<void(Saved)> done);
    /// Removes the key from the keychain and the file.
    void forget(QObject *context, std::function<void()> done);

    /// The fallback file: <config dir>/remise/stripe-key, mode 0600.
    static QString fallbackFile();
    static QString sourceName(Source source);

private:
    void readKeychain(QObject *context,
                      std::function<void(bool available, QString problem, QString key)> done);
    QProcessEnvironment m_env;
};

} // namespace remise::ui
