#include "application.h"

#include "appcontext.h"
#include "client.h"
#include "clock.h"
#include "demo.h"
#include "icons.h"
#include "logging.h"
#include "mainwindow.h"
#include "settings.h"
#include "sqlitestore.h"
#include "text.h"
#include "transport.h"
#include "uisettings.h"
#include "updateworkflow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QLibraryInfo>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QTimer>
#include <QTranslator>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace remise::ui {

/// What the pages run on, torn down and rebuilt when the settings change.
struct Application::Backend
{
    stripe::Transport network;
    std::unique_ptr<SqliteStore> store;
    std::unique_ptr<stripe::Client> client;
    std::unique_ptr<UpdateWorkflow> workflow;
    std::unique_ptr<AppContext> context;
    QString databasePath;

    static Result<std::unique_ptr<Backend>> create(const QString &databasePath,
                                                   const std::optional<ApiKey> &key,
                                                   const stripe::Config &config, bool demo)
    {
        auto backend = std::make_unique<Backend>();
        backend->databasePath = databasePath;
        auto store = SqliteStore::open(databasePath);
        if (!store)
            return fail(store.error());
        if (auto migrated = (*store)->migrate(); !migrated)
            return fail(migrated.error());
        backend->store = std::move(*store);
        const Clock &clock = SystemClock::instance();
        if (key) {
            auto client = stripe::Client::create(*key, config, &backend->network, clock,
                                                 EventLoopScheduler::instance());
            if (!client)
                return fail(client.error());
            backend->client = std::move(*client);
            backend->workflow =
                std::make_unique<UpdateWorkflow>(*backend->client, *backend->store, clock);
        }
        backend->context.reset(new AppContext{*backend->store, databasePath, clock,
                                              backend->client.get(), backend->workflow.get(),
                                              demo});
        return backend;
    }

    ~Backend()
    {
        // The workflow refers to the client and the store: it goes first.
        context.reset();
        workflow.reset();
        client.reset();
        store.reset();
    }
};

Application::Application(Options options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_keys(std::make_unique<KeyStore>())
{}

Application::~Application()
{
    m_window.reset();
    m_backend.reset();
    m_sandbox.reset();
}

MainWindow *Application::window() const
{
    return m_window.get();
}

DemoSandbox *Application::sandbox() const
{
    return m_sandbox.get();
}

QString Application::databasePath() const
{
    return m_backend ? m_backend->databasePath : QString();
}

void Application::start()
{
    if (m_options.demo) {
        startDemo();
        return;
    }
    m_keys->load(this, [this](KeyStore::Lookup lookup) {
        if (!lookup.key && lookup.error.isEmpty() && m_options.askOnFirstStart &&
            !ConnectionSettings::configured())
            welcome(lookup);
        else
            startConfigured(lookup);
    });
}

void Application::startDemo()
{
    m_sandbox = std::make_unique<DemoSandbox>();
    auto url = m_sandbox->start();
    if (!url) {
        emit failed(tr("The demo could not start its sandbox: %1").arg(url.error().message));
        return;
    }
    const QString path =
        m_options.database.isEmpty() ? DemoSandbox::defaultDatabasePath() : m_options.database;
    if (auto created = DemoSandbox::createDatabase(path); !created) {
        emit failed(tr("The demo database could not be created: %1").arg(created.error().message));
        return;
    }
    stripe::Config config;
    config.apiBase = *url;
    auto key = ApiKey::parse(QString::fromLatin1(DemoSandbox::key));
    auto backend = Backend::create(path, *key, config, true);
    if (!backend) {
        emit failed(backend.error().message);
        return;
    }
    open(std::move(*backend), int(MainWindow::Mode::Demo),
         tr("Local sandbox at %1").arg(url->authority()));
}

void Application::startConfigured(const KeyStore::Lookup &lookup)
{
    // The same Settings object as the command line and the service read (docs/cli.md,
    // "Configuration"): what the environment sets wins; the app's own choices (Settings page)
    // fill in what it leaves at its default.
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    auto core = remise::Settings::load(env);
    if (!core) {
        emit failed(tr("The configuration is invalid: %1").arg(core.error().message));
        return;
    }
    const ConnectionSettings settings = ConnectionSettings::load();
    QString path = m_options.database;
    if (path.isEmpty())
        path = core->databaseSource != u"default" || settings.databasePath.isEmpty()
                   ? core->databasePath
                   : settings.databasePath;
    stripe::Config config;
    config.allowLive = settings.allowLive || core->allowLive;
    config.apiVersion = core->apiVersion;
    config.totalTimeout = core->stripeTimeout;
    config.attemptTimeout = core->attemptTimeout;
    config.apiBase = core->apiBase;
    if (env.value(u"REMISE_STRIPE_API_BASE"_s).isEmpty() && settings.apiBase.isValid() &&
        !settings.apiBase.isEmpty())
        config.apiBase = settings.apiBase;

    std::optional<ApiKey> key = lookup.key;
    QString problem;
    if (key && key->isLive() && !config.allowLive) {
        problem = tr("A live key was found (%1) but live keys are not allowed: allow them in "
                     "Settings if you really mean to.")
                      .arg(key->redacted());
        key.reset();
    } else if (!lookup.error.isEmpty()) {
        problem = tr("The Stripe key from %1 cannot be used: %2").arg(lookup.where, lookup.error);
    }
    auto backend = Backend::create(path, key, config, false);
    if (!backend) {
        // Without a database nothing works; say which file and why.
        emit failed(tr("Cannot open the database %1: %2").arg(path, backend.error().message));
        return;
    }
    const auto mode = !key            ? MainWindow::Mode::NotConnected
                      : key->isLive() ? MainWindow::Mode::Live
                                      : MainWindow::Mode::Test;
    QString connection = key ? tr("Stripe API at %1").arg(config.apiBase.authority())
                             : tr("No Stripe key: add one in Settings");
    open(std::move(*backend), int(mode), connection);
    if (!problem.isEmpty() && m_window)
        QMessageBox::warning(m_window.get(), tr("Stripe key"), problem);
}

void Application::welcome(const KeyStore::Lookup &lookup)
{
    auto *dialog = new QDialog;
    dialog->setObjectName(u"welcomeDialog"_s);
    dialog->setWindowTitle(tr("Welcome to Remise"));
    dialog->setWindowIcon(icons::application());
    auto *layout = new QVBoxLayout(dialog);
    auto *intro = new QLabel(
        tr("<h3>Welcome to Remise</h3><p>Remise decides which discount each Stripe Checkout "
           "Session should carry, says why, and applies it server-side.</p><p>Try the "
           "<b>demo</b> — a local sandbox with sample sessions, campaigns and customers; "
           "nothing leaves this computer — or connect your Stripe <b>test</b> account.</p>"),
        dialog);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto *demo = new QPushButton(tr("Open the &demo"), dialog);
    demo->setObjectName(u"openDemo"_s);
    demo->setDefault(true);
    layout->addWidget(demo);
    auto *keyLabel =
        new QLabel(tr("Or paste a Stripe test secret &key (sk_test_… or rk_test_…):"), dialog);
    keyLabel->setWordWrap(true);
    layout->addWidget(keyLabel);
    auto *key = new QLineEdit(dialog);
    key->setObjectName(u"welcomeKey"_s);
    key->setEchoMode(QLineEdit::Password);
    keyLabel->setBuddy(key);
    layout->addWidget(key);
    auto *where =
        new QLabel(lookup.keychainAvailable
                       ? tr("The key is kept in the system keychain.")
                       : tr("No system keychain here: the key is kept in %1, readable only by you.")
                             .arg(text::path(KeyStore::fallbackFile())),
                   dialog);
    where->setWordWrap(true);
    where->setEnabled(false);
    layout->addWidget(where);
    auto *error = new QLabel(dialog);
    error->setWordWrap(true);
    layout->addWidget(error);
    auto *buttons = new QDialogButtonBox(dialog);
    QPushButton *connectKey = buttons->addButton(tr("&Connect"), QDialogButtonBox::AcceptRole);
    buttons->addButton(tr("&Later"), QDialogButtonBox::RejectRole);
    layout->addWidget(buttons);
    dialog->resize(dialog->fontMetrics().averageCharWidth() * 70, dialog->sizeHint().height());

    connect(demo, &QPushButton::clicked, this, [this, dialog] {
        dialog->deleteLater();
        m_options.demo = true;
        startDemo();
    });
    connect(connectKey, &QPushButton::clicked, this, [this, dialog, key, error] {
        const auto parsed = ApiKey::parse(key->text().trimmed());
        if (!parsed) {
            error->setText(parsed.error().message);
            return;
        }
        if (parsed->isLive()) {
            error->setText(tr("This is a live key. Start with a test key; live keys can be "
                              "allowed later in Settings."));
            return;
        }
        m_keys->save(key->text(), this, [this, dialog, error](KeyStore::Saved saved) {
            if (!saved.ok) {
                error->setText(saved.error);
                return;
            }
            ConnectionSettings::load().save(); // marks the app configured
            dialog->deleteLater();
            m_keys->load(this, [this](KeyStore::Lookup l) { startConfigured(l); });
        });
    });
    connect(buttons, &QDialogButtonBox::rejected, this, [this, dialog] {
        dialog->deleteLater();
        ConnectionSettings::load().save();
        m_keys->load(this, [this](KeyStore::Lookup l) { startConfigured(l); });
    });
    dialog->show();
}

void Application::open(std::unique_ptr<Backend> backend, int mode, const QString &connection)
{
    m_window.reset();
    m_backend = std::move(backend);
    MainWindow::Info info;
    info.mode = MainWindow::Mode(mode);
    info.connection = connection;
    m_window = std::make_unique<MainWindow>(*m_backend->context, *m_keys, info);
    connect(m_window.get(), &MainWindow::reconnectRequested, this, &Application::reconnect,
            Qt::QueuedConnection);
    m_window->show();
    emit ready();
}

void Application::reconnect()
{
    m_keys->load(this, [this](KeyStore::Lookup lookup) {
        m_window.reset();
        m_backend.reset();
        startConfigured(lookup);
    });
}

void installTranslations(QApplication &app)
{
    auto *qt = new QTranslator(&app);
    if (qt->load(QLocale(), u"qtbase"_s, u"_"_s,
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(qt);
    // The user's language, else English: the English catalogue holds the plural forms
    // ("1 session", "2 sessions") that the source text only writes as "%n session(s)".
    auto *own = new QTranslator(&app);
    if (own->load(QLocale(), u"remise"_s, u"_"_s, u":/remise/i18n"_s) ||
        own->load(u"remise_en"_s, u":/remise/i18n"_s))
        QApplication::installTranslator(own);
}

int run(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"remise"_s);
    QApplication::setOrganizationName(u"remise"_s);
    QApplication::setApplicationDisplayName(u"Remise"_s);
    QApplication::setApplicationVersion(QStringLiteral(REMISE_VERSION));
    QGuiApplication::setDesktopFileName(u"remise"_s);
    QApplication::setWindowIcon(icons::application());
    remise::logging::install(remise::logging::Format::Text);
    installTranslations(app);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("Application", "Remise: server-side discounts for Stripe "
                                               "Checkout."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption demo(
        u"demo"_s, QApplication::translate("Application",
                                           "Start the demo: a local sandbox and a demo database."));
    const QCommandLineOption db(u"db"_s, QApplication::translate("Application", "The database."),
                                u"PATH"_s);
    parser.addOptions({demo, db});
    parser.process(app);

    Application::Options options;
    options.demo = parser.isSet(demo);
    options.database = parser.value(db);
    Application application(options);
    QObject::connect(&application, &Application::failed, &app, [](const QString &message) {
        QMessageBox::critical(nullptr, QApplication::translate("Application", "Remise"), message);
        QApplication::exit(1);
    });
    QTimer::singleShot(0, &application, &Application::start);
    return app.exec();
}

} // namespace remise::ui
