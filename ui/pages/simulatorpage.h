#pragma once

#include "appcontext.h"
#include "campaign.h"
#include "customer.h"
#include "decision.h"
#include "impact.h"
#include "result.h"

#include <QAbstractTableModel>
#include <QWidget>

class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
class QTableWidget;
class QVBoxLayout;

namespace remise::ui {

class ImpactRunner;

/// Every campaign of one decision: whether it applied, its amount and why, as a sentence.
class DecisionModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Campaign, Result, Amount, Reason, ColumnCount };
    static constexpr int ReasonCodeRole = Qt::UserRole + 1;

    explicit DecisionModel(QObject *parent = nullptr);
    /// `rules` are the campaigns decided with (their names and details word the reasons).
    void setDecision(const Decision &decision, const CampaignSet &rules);
    const Decision &decision() const { return m_decision; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    Decision m_decision;
    CampaignSet m_rules;
};

/// The Simulator page: a cart (entered, or a Checkout Session JSON file) and a customer (a local
/// profile, a profile file, or typed), any date, time and time zone, a code, the live rules or
/// the draft; the decision with every campaign's reason. Also decides every open test session
/// at that time, with the live rules and the draft, writing nothing.
class SimulatorPage : public QWidget
{
    Q_OBJECT
public:
    SimulatorPage(AppContext &context, QWidget *parent = nullptr);
    ~SimulatorPage() override;

    /// Loads a cart and its customer from a Checkout Session JSON file.
    Status loadSessionFile(const QString &path);
    /// Uses a Remise customer profile JSON file as the customer.
    Status loadCustomerFile(const QString &path);
    /// Adds one line item to the cart (unit price in minor units).
    void addItem(const QString &description, const QString &product, qint64 unitAmount,
                 int quantity);
    /// Decides now with the form's inputs; the result is shown and returned.
    Result<Decision> simulate();
    /// Decides every open test session with the form's time (live rules and draft).
    void runOpenSessions();

    QDateTimeEdit *whenEdit() const { return m_when; }
    QComboBox *zoneBox() const { return m_zone; }
    QComboBox *rulesBox() const { return m_rules; }
    QLineEdit *codeEdit() const { return m_code; }
    QComboBox *currencyBox() const { return m_currency; }
    QPushButton *simulateButton() const { return m_simulate; }
    QPushButton *openSessionsButton() const { return m_runOpen; }
    QLabel *summary() const { return m_summary; }
    DecisionModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QTableWidget *openSessionsView() const { return m_openTable; }
    bool isRunning() const;
    qint64 simulatedNowMs() const;

protected:
    void showEvent(QShowEvent *event) override;

private:
    void addItemRow(const QString &description, const QString &product, qint64 unitAmount,
                    int quantity);
    Result<SessionSnapshot> session() const;
    std::optional<CustomerProfile> profile() const;
    Result<CampaignSet> rules() const;
    void reloadCustomers();
    void showOpenSessions(const drafts::ImpactReport &report, const QString &error);

    AppContext &m_context;
    QList<CustomerProfile> m_customers;
    std::optional<CustomerProfile> m_fileProfile;
    QString m_sessionId;
    QComboBox *m_currency = nullptr;
    QVBoxLayout *m_items = nullptr;
    QComboBox *m_customer = nullptr;
    QLineEdit *m_email = nullptr;
    QLineEdit *m_customerId = nullptr;
    QLineEdit *m_country = nullptr;
    QDateTimeEdit *m_when = nullptr;
    QComboBox *m_zone = nullptr;
    QLineEdit *m_code = nullptr;
    QComboBox *m_rules = nullptr;
    QPushButton *m_simulate = nullptr;
    QPushButton *m_runOpen = nullptr;
    QPushButton *m_cancelOpen = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_openSummary = nullptr;
    DecisionModel *m_model = nullptr;
    QTableView *m_view = nullptr;
    QTableWidget *m_openTable = nullptr;
    ImpactRunner *m_runner = nullptr;
};

} // namespace remise::ui
