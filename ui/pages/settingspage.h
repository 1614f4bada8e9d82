#pragma once

#include "keystore.h"
#include "uisettings.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QToolBar;

namespace remise::ui {

struct AppContext;

/// The Settings page: the Stripe key (kept in the system keychain, or — where there is none —
/// in the environment or a file only the user can read, said so on screen; never in the
/// database or QSettings), whether live keys are allowed, the API base, the database and the
/// service address.
class SettingsPage : public QWidget
{
    Q_OBJECT
public:
    SettingsPage(AppContext &context, KeyStore &keys, QWidget *parent = nullptr);

    /// Reads where the key is now and whether a keychain exists, and shows it.
    void refresh();
    /// Saves `key` (keychain, else the 0600 file); keySaved tells the outcome.
    void saveKey(const QString &key);
    /// Saves the connection fields to QSettings and asks the app to reconnect.
    void saveConnection();

    QToolBar *toolBar() const { return m_toolBar; }

signals:
    void refreshed();
    void keySaved(bool ok, const QString &message);
    /// The app should reopen the database and the Stripe client with the new settings.
    void reconnectRequested();

private:
    void showLookup(const KeyStore::Lookup &lookup);

    AppContext &m_context;
    KeyStore &m_keys;
    QToolBar *m_toolBar;
    QLabel *m_keyInUse;
    QLabel *m_keychain;
    QLineEdit *m_key;
    QPushButton *m_saveKey;
    QPushButton *m_forgetKey;
    QLabel *m_keyMessage;
    QCheckBox *m_allowLive;
    QLineEdit *m_apiBase;
    QLineEdit *m_database;
    QLineEdit *m_service;
    QLabel *m_connectionMessage;
};

} // namespace remise::ui
