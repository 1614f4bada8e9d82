#pragma once

#include "keystore.h"

#include <QObject>
#include <QUrl>

#include <memory>

class QApplication;

namespace remise::ui {

class DemoSandbox;
class MainWindow;

/// The desktop app's composition root (docs/desktop.md): opens the database, the Stripe client
/// and the update workflow — for the demo, its own sandbox and demo database — and builds the
/// main window over them. On a first start without configuration it offers the demo or
/// connecting a Stripe test key.
class Application : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        bool demo = false;
        QString database; ///< overrides the configured (or demo) database path
        bool askOnFirstStart = true;
    };

    explicit Application(Options options, QObject *parent = nullptr);
    ~Application() override;

    /// Starts asynchronously; `ready` (or `failed`) follows.
    void start();
    MainWindow *window() const;
    KeyStore &keys() { return *m_keys; }
    DemoSandbox *sandbox() const;
    QString databasePath() const;

signals:
    void ready();
    void failed(const QString &message);

private:
    struct Backend;
    void startDemo();
    void startConfigured(const KeyStore::Lookup &lookup);
    void welcome(const KeyStore::Lookup &lookup);
    void open(std::unique_ptr<Backend> backend, int mode, const QString &connection);
    void reconnect();

    Options m_options;
    std::unique_ptr<KeyStore> m_keys;
    std::unique_ptr<DemoSandbox> m_sandbox;
    std::unique_ptr<Backend> m_backend;
    std::unique_ptr<MainWindow> m_window;
};

/// Loads the app's translation for the user's locale (and Qt's own, when installed).
void installTranslations(QApplication &app);
/// main(): the command line (--demo, --db), translations, the window.
int run(int argc, char *argv[]);

} // namespace remise::ui
