#include "settingspage.h"

#include "appcontext.h"
#include "client.h"
#include "text.h"

#include <QAction>
#include <QCheckBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QToolBar>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace remise::ui {

namespace {
QLabel *note(QWidget *parent, const QString &name)
{
    auto *label = new QLabel(parent);
    label->setObjectName(name);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}
} // namespace

SettingsPage::SettingsPage(AppContext &context, KeyStore &keys, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_keys(keys)
{
    setObjectName(u"settingsPage"_s);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->setSpacing(0);
    m_toolBar = new QToolBar(tr("Settings"), this);
    m_toolBar->setObjectName(u"settingsToolBar"_s);
    QAction *apply = m_toolBar->addAction(tr("Save and &reconnect"));
    apply->setObjectName(u"saveConnection"_s);
    connect(apply, &QAction::triggered, this, &SettingsPage::saveConnection);
    outer->addWidget(m_toolBar);

    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *content = new QWidget(scroll);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(16, 12, 16, 12);

    if (m_context.demo) {
        auto *demo = note(content, u"demoNote"_s);
        demo->setText(tr("<b>Demo.</b> The app runs on its own local sandbox and a demo "
                         "database; nothing here reaches Stripe. Settings you save apply when "
                         "you start Remise without --demo."));
        layout->addWidget(demo);
    }

    auto *keyBox = new QGroupBox(tr("Stripe secret key"), content);
    auto *keyForm = new QFormLayout(keyBox);
    m_keyInUse = note(keyBox, u"keyInUse"_s);
    keyForm->addRow(tr("In use:"), m_keyInUse);
    m_keychain = note(keyBox, u"keychainStatus"_s);
    keyForm->addRow(tr("Stored in:"), m_keychain);
    m_key = new QLineEdit(keyBox);
    m_key->setObjectName(u"keyEdit"_s);
    m_key->setEchoMode(QLineEdit::Password);
    m_key->setPlaceholderText(u"sk_test_… / rk_test_…"_s);
    m_key->setAccessibleName(tr("New Stripe secret key"));
    auto *keyRow = new QHBoxLayout;
    keyRow->addWidget(m_key, 1);
    m_saveKey = new QPushButton(tr("&Save key"), keyBox);
    m_saveKey->setObjectName(u"saveKey"_s);
    m_forgetKey = new QPushButton(tr("&Forget key"), keyBox);
    m_forgetKey->setObjectName(u"forgetKey"_s);
    keyRow->addWidget(m_saveKey);
    keyRow->addWidget(m_forgetKey);
    auto *keyLabel = new QLabel(tr("New &key:"), keyBox);
    keyLabel->setBuddy(m_key);
    keyForm->addRow(keyLabel, keyRow);
    m_keyMessage = note(keyBox, u"keyMessage"_s);
    keyForm->addRow(QString(), m_keyMessage);
    m_keyMessage->hide();
    m_allowLive = new QCheckBox(tr("Allow &live keys (sk_live_…): updates then change real "
                                   "customers' checkouts"),
                                keyBox);
    m_allowLive->setObjectName(u"allowLive"_s);
    keyForm->addRow(QString(), m_allowLive);
    layout->addWidget(keyBox);
    connect(m_saveKey, &QPushButton::clicked, this, [this] { saveKey(m_key->text()); });
    connect(m_key, &QLineEdit::returnPressed, m_saveKey, &QPushButton::click);
    connect(m_forgetKey, &QPushButton::clicked, this, [this] {
        m_keys.forget(this, [this] {
            m_keyMessage->setText(tr("Key removed from the keychain and the key file."));
            m_keyMessage->show();
            refresh();
        });
    });

    auto *connectionBox = new QGroupBox(tr("Connection"), content);
    auto *form = new QFormLayout(connectionBox);
    m_apiBase = new QLineEdit(connectionBox);
    m_apiBase->setObjectName(u"apiBase"_s);
    m_apiBase->setPlaceholderText(stripe::defaultApiBase.toString());
    form->addRow(tr("Stripe &API base:"), m_apiBase);
    m_database = new QLineEdit(connectionBox);
    m_database->setObjectName(u"databasePath"_s);
    m_database->setPlaceholderText(text::path(ConnectionSettings::defaultDatabasePath()));
    auto *browse = new QPushButton(tr("&Browse…"), connectionBox);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Database"), m_database->text(),
                                                          tr("SQLite databases (*.db)"), nullptr,
                                                          QFileDialog::DontConfirmOverwrite);
        if (!path.isEmpty())
            m_database->setText(QDir::toNativeSeparators(path));
    });
    auto *databaseRow = new QHBoxLayout;
    databaseRow->addWidget(m_database, 1);
    databaseRow->addWidget(browse);
    auto *databaseLabel = new QLabel(tr("&Database:"), connectionBox);
    databaseLabel->setBuddy(m_database);
    form->addRow(databaseLabel, databaseRow);
    m_service = new QLineEdit(connectionBox);
    m_service->setObjectName(u"serviceAddress"_s);
    m_service->setPlaceholderText(u"http://127.0.0.1:8080"_s);
    form->addRow(tr("&Service address:"), m_service);
    auto *serviceNote = note(connectionBox, u"serviceNote"_s);
    serviceNote->setText(tr("Where remise-server serve listens for your storefront. The app and "
                            "the service share the database and decide the same way."));
    serviceNote->setEnabled(false);
    serviceNote->setWordWrap(false);
    form->addRow(QString(), serviceNote);
    m_connectionMessage = note(connectionBox, u"connectionMessage"_s);
    form->addRow(QString(), m_connectionMessage);
    m_connectionMessage->hide();
    layout->addWidget(connectionBox);
    layout->addStretch();

    const ConnectionSettings settings = ConnectionSettings::load();
    m_apiBase->setText(settings.apiBase.toString());
    m_database->setText(settings.databasePath);
    m_service->setText(settings.serviceAddress);
    m_allowLive->setChecked(settings.allowLive);
    connect(m_allowLive, &QCheckBox::toggled, this, [this](bool on) {
        if (on && QMessageBox::warning(this, tr("Allow live keys"),
                                       tr("With a live key, Apply now and Remove discount change "
                                          "what real customers pay. Allow live keys?"),
                                       QMessageBox::Yes | QMessageBox::No,
                                       QMessageBox::No) != QMessageBox::Yes) {
            const QSignalBlocker block(m_allowLive);
            m_allowLive->setChecked(false);
        }
    });

    scroll->setWidget(content);
    outer->addWidget(scroll, 1);
    refresh();
}

void SettingsPage::refresh()
{
    m_keys.load(this, [this](KeyStore::Lookup lookup) {
        showLookup(lookup);
        emit refreshed();
    });
}

void SettingsPage::showLookup(const KeyStore::Lookup &lookup)
{
    QString inUse;
    if (m_context.demo) {
        inUse = tr("The demo key of the local sandbox (%1).")
                    .arg(m_context.stripe ? m_context.stripe->redactedKey() : QString());
    } else if (lookup.key) {
        inUse = tr("%1 — %2, %3.")
                    .arg(lookup.key->redacted(), KeyStore::sourceName(lookup.source),
                         lookup.key->isLive() ? tr("LIVE mode") : tr("test mode"));
        if (lookup.source == KeyStore::Source::Environment ||
            (lookup.source == KeyStore::Source::File && lookup.where != KeyStore::fallbackFile()))
            inUse += u" "_s + tr("Set by %1, which wins over a saved key.").arg(lookup.where);
    } else if (!lookup.error.isEmpty()) {
        inUse = tr("Unusable key (%1): %2").arg(lookup.where, lookup.error);
    } else {
        inUse = tr("No key yet.");
    }
    m_keyInUse->setText(inUse);

    if (lookup.keychainAvailable) {
        m_keychain->setText(tr("The system keychain. A key you save goes there, never into the "
                               "database or a settings file."));
    } else {
        m_keychain->setText(
            tr("<b>No system keychain is available here</b> (%1). A key you save is kept "
               "instead in <tt>%2</tt>, a file only you can read (mode 0600); or set "
               "REMISE_STRIPE_SECRET_KEY in the environment. It never goes into the database or "
               "a settings file.")
                .arg(lookup.keychainProblem.toHtmlEscaped(),
                     text::path(KeyStore::fallbackFile()).toHtmlEscaped()));
    }
}

void SettingsPage::saveKey(const QString &text)
{
    const auto parsed = ApiKey::parse(text.trimmed());
    if (!parsed) {
        m_keyMessage->setText(parsed.error().message);
        m_keyMessage->show();
        emit keySaved(false, parsed.error().message);
        return;
    }
    if (parsed->isLive() && !m_allowLive->isChecked()) {
        const QString message = tr("This is a live key. Tick “Allow live keys” first if you "
                                   "really mean to change real customers' checkouts.");
        m_keyMessage->setText(message);
        m_keyMessage->show();
        emit keySaved(false, message);
        return;
    }
    m_saveKey->setEnabled(false);
    m_keys.save(text, this, [this](KeyStore::Saved saved) {
        m_saveKey->setEnabled(true);
        QString message;
        if (!saved.ok)
            message = tr("Not saved: %1").arg(saved.error);
        else if (saved.source == KeyStore::Source::Keychain)
            message = tr("Saved in the system keychain.");
        else
            message = tr("No keychain here: saved in %1, readable only by you.")
                          .arg(text::path(saved.where));
        m_key->clear();
        m_keyMessage->setText(message);
        m_keyMessage->show();
        emit keySaved(saved.ok, message);
        refresh();
        if (saved.ok && !m_context.demo)
            emit reconnectRequested();
    });
}

void SettingsPage::saveConnection()
{
    ConnectionSettings settings;
    const QString base = m_apiBase->text().trimmed();
    if (!base.isEmpty()) {
        const QUrl url(base);
        if (!url.isValid() || (url.scheme() != u"https" && url.scheme() != u"http") ||
            url.host().isEmpty()) {
            m_connectionMessage->setText(tr("The API base must be an http(s) URL."));
            m_connectionMessage->show();
            return;
        }
        settings.apiBase = url;
    }
    settings.databasePath = QDir::fromNativeSeparators(m_database->text().trimmed());
    settings.serviceAddress = m_service->text().trimmed();
    settings.allowLive = m_allowLive->isChecked();
    settings.save();
    m_connectionMessage->setText(tr("Saved."));
    m_connectionMessage->show();
    if (!m_context.demo)
        emit reconnectRequested();
}

} // namespace remise::ui
