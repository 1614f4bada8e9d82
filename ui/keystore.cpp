#include "keystore.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>
#include <qt6keychain/keychain.h>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace remise::ui {

namespace {
const QString service = u"remise"_s;
const QString account = u"stripe-secret-key"_s;

class Tr
{
    Q_DECLARE_TR_FUNCTIONS(KeyStore)
};
} // namespace

KeyStore::KeyStore(QProcessEnvironment environment, QObject *parent)
    : QObject(parent)
    , m_env(std::move(environment))
{}

QString KeyStore::fallbackFile()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) +
           u"/remise/stripe-key"_s;
}

QString KeyStore::sourceName(Source source)
{
    switch (source) {
    case Source::None:
        return Tr::tr("No key");
    case Source::Environment:
        return Tr::tr("Environment variable");
    case Source::Keychain:
        return Tr::tr("System keychain");
    case Source::File:
        return Tr::tr("File readable only by you");
    case Source::Demo:
        return Tr::tr("Demo key (local sandbox)");
    }
    return {};
}

void KeyStore::readKeychain(QObject *context, std::function<void(bool, QString, QString)> done)
{
    // REMISE_KEYCHAIN=off: a machine where the keychain must not be asked (servers, CI).
    if (m_env.value(u"REMISE_KEYCHAIN"_s) == u"off") {
        // Answered on the next turn of the event loop, like the keychain would.
        QTimer::singleShot(0, context, [done = std::move(done)] {
            done(false, Tr::tr("the keychain is turned off (REMISE_KEYCHAIN=off)"), {});
        });
        return;
    }
    auto *job = new QKeychain::ReadPasswordJob(service, this);
    job->setKey(account);
    job->setAutoDelete(true);
    connect(job, &QKeychain::Job::finished, context,
            [job, done = std::move(done)](QKeychain::Job *) {
                switch (job->error()) {
                case QKeychain::NoError:
                    done(true, {}, job->textData().trimmed());
                    return;
                case QKeychain::EntryNotFound:
                    done(true, {}, {});
                    return;
                case QKeychain::AccessDenied:
                case QKeychain::AccessDeniedByUser:
                    done(true, Tr::tr("the keychain refused access"), {});
                    return;
                default: {
                    // QtKeychain's own text is often just "Unknown error": say what it means.
                    QString why = Tr::tr("no Secret Service or KWallet answers on the session "
                                         "bus");
                    const QString detail = job->errorString();
                    if (!detail.isEmpty() && detail != u"Unknown error")
                        why += u": "_s + detail;
                    done(false, why, {});
                    return;
                }
                }
            });
    job->start();
}

void KeyStore::load(QObject *context, std::function<void(Lookup)> done)
{
    readKeychain(context, [this, done = std::move(done)](bool available, QString problem,
                                                         QString keychainKey) {
        Lookup lookup;
        lookup.keychainAvailable = available;
        lookup.keychainProblem = problem;
        const auto use = [&](Source source, const QString &where, const QString &text) {
            lookup.source = source;
            lookup.where = where;
            auto key = ApiKey::parse(text);
            if (key)
                lookup.key = *key;
            else
                lookup.error = key.error().message;
        };
        // The environment first, exactly as the command line reads it.
        for (const QString &name : {u"REMISE_STRIPE_SECRET_KEY"_s, u"STRIPE_SECRET_KEY"_s,
                                    u"REMISE_STRIPE_SECRET_KEY_FILE"_s}) {
            if (m_env.value(name).isEmpty())
                continue;
            lookup.source = name.endsWith(u"_FILE") ? Source::File : Source::Environment;
            lookup.where = name.endsWith(u"_FILE") ? m_env.value(name) : name;
            auto key = loadApiKey(m_env);
            if (key)
                lookup.key = *key;
            else
                lookup.error = key.error().message;
            done(lookup);
            return;
        }
        if (!keychainKey.isEmpty()) {
            use(Source::Keychain, Tr::tr("system keychain"), keychainKey);
            done(lookup);
            return;
        }
        const QString file = fallbackFile();
        if (QFileInfo::exists(file)) {
            QProcessEnvironment env;
            env.insert(u"REMISE_STRIPE_SECRET_KEY_FILE"_s, file);
            lookup.source = Source::File;
            lookup.where = file;
            auto key = loadApiKey(env); // refuses a file others may read
            if (key)
                lookup.key = *key;
            else
                lookup.error = key.error().message;
        }
        done(lookup);
    });
}

void KeyStore::save(const QString &text, QObject *context, std::function<void(Saved)> done)
{
    auto parsed = ApiKey::parse(text.trimmed());
    if (!parsed) {
        done(Saved{false, Source::None, {}, parsed.error().message});
        return;
    }
    const QString key = text.trimmed();
    readKeychain(
        context, [this, key, context, done = std::move(done)](bool available, QString, QString) {
            const auto toFile = [key, done]() {
                const QString path = fallbackFile();
                QDir().mkpath(QFileInfo(path).absolutePath());
                QSaveFile file(path);
                if (!file.open(QIODevice::WriteOnly) ||
                    !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner) ||
                    file.write(key.toUtf8() + '\n') < 0 || !file.commit()) {
                    done(Saved{false, Source::File, path,
                               Tr::tr("cannot write %1: %2").arg(path, file.errorString())});
                    return;
                }
                QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
                done(Saved{true, Source::File, path, {}});
            };
            if (!available) {
                toFile();
                return;
            }
            auto *job = new QKeychain::WritePasswordJob(service, this);
            job->setKey(account);
            job->setTextData(key);
            job->setAutoDelete(true);
            connect(job, &QKeychain::Job::finished, context, [job, done, toFile](QKeychain::Job *) {
                if (job->error() == QKeychain::NoError) {
                    // A key now in the keychain leaves no copy behind in the file.
                    QFile::remove(fallbackFile());
                    done(Saved{true, Source::Keychain, {}, {}});
                } else {
                    toFile();
                }
            });
            job->start();
        });
}

void KeyStore::forget(QObject *context, std::function<void()> done)
{
    QFile::remove(fallbackFile());
    if (m_env.value(u"REMISE_KEYCHAIN"_s) == u"off") {
        done();
        return;
    }
    auto *job = new QKeychain::DeletePasswordJob(service, this);
    job->setKey(account);
    job->setAutoDelete(true);
    connect(job, &QKeychain::Job::finished, context, [done](QKeychain::Job *) { done(); });
    job->start();
}

} // namespace remise::ui
