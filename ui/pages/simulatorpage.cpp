#include "simulatorpage.h"

#include "campaignfile.h"
#include "campaignsformat.h"
#include "clock.h"
#include "customerfile.h"
#include "draftbook.h"
#include "drafts/impactrunner.h"
#include "engine.h"
#include "json.h"
#include "money.h"
#include "session.h"
#include "store.h"
#include "text.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QTableWidget>
#include <QTimeZone>
#include <QToolButton>
#include <QVBoxLayout>

#include <cmath>

using namespace Qt::StringLiterals;

namespace remise::ui {

// --- the decision model -------------------------------------------------------------------------

DecisionModel::DecisionModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void DecisionModel::setDecision(const Decision &decision, const CampaignSet &rules)
{
    beginResetModel();
    m_decision = decision;
    m_rules = rules;
    endResetModel();
}

int DecisionModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_decision.campaigns.size());
}

int DecisionModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DecisionModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const CampaignOutcome &c = m_decision.campaigns.at(index.row());
    if (role == ReasonCodeRole)
        return reason::code(c.reason);
    if (role == Qt::ToolTipRole && index.column() == Reason)
        return c.reason == remise::Reason::None ? QVariant() : QVariant(reason::code(c.reason));
    if (role != Qt::DisplayRole)
        return {};
    switch (Column(index.column())) {
    case Campaign: {
        const remise::Campaign *campaign = m_rules.campaign(c.id);
        return campaign ? tr("%1 (%2)").arg(campaign->name, c.id) : c.id;
    }
    case Result:
        return c.applied    ? tr("Applied")
               : c.eligible ? tr("Eligible, not applied")
                            : tr("Not eligible");
    case Amount:
        return c.eligible ? formatMoney(c.amountOff, m_decision.currency) : QString();
    case Reason:
        return text::reason(c.reason, m_rules.campaign(c.id), m_decision.currency);
    case ColumnCount:
        break;
    }
    return {};
}

QVariant DecisionModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Campaign:
        return tr("Campaign");
    case Result:
        return tr("Result");
    case Amount:
        return tr("Amount");
    case Reason:
        return tr("Why");
    case ColumnCount:
        break;
    }
    return {};
}

// --- the page -----------------------------------------------------------------------------------

SimulatorPage::SimulatorPage(AppContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_model(new DecisionModel(this))
{
    setObjectName(u"simulatorPage"_s);
    auto *layout = new QHBoxLayout(this);
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    layout->addWidget(splitter);

    auto *scroll = new QScrollArea(splitter);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *inputs = new QWidget(scroll);
    scroll->setWidget(inputs);
    auto *inputsLayout = new QVBoxLayout(inputs);

    // The cart
    auto *cart = new QGroupBox(tr("Cart"), inputs);
    auto *cartLayout = new QVBoxLayout(cart);
    auto *loadSession = new QPushButton(tr("Load a Checkout Session file…"), cart);
    auto *currencyRow = new QFormLayout;
    m_currency = new QComboBox(cart);
    m_currency->setObjectName(u"simCurrency"_s);
    m_currency->setEditable(true);
    m_currency->addItems({u"eur"_s, u"usd"_s, u"gbp"_s, u"jpy"_s});
    m_currency->setAccessibleName(tr("Currency"));
    currencyRow->addRow(tr("Currency"), m_currency);
    m_items = new QVBoxLayout;
    auto *addItem = new QPushButton(tr("Add a line item"), cart);
    cartLayout->addWidget(loadSession);
    cartLayout->addLayout(currencyRow);
    cartLayout->addLayout(m_items);
    cartLayout->addWidget(addItem, 0, Qt::AlignLeft);
    inputsLayout->addWidget(cart);

    // The customer
    auto *customer = new QGroupBox(tr("Customer"), inputs);
    auto *customerForm = new QFormLayout(customer);
    customerForm->setRowWrapPolicy(QFormLayout::WrapLongRows);
    m_customer = new QComboBox(customer);
    m_customer->setObjectName(u"simCustomer"_s);
    m_customer->setAccessibleName(tr("Local customer profile"));
    auto *loadCustomer = new QPushButton(tr("Load a customer file…"), customer);
    m_email = new QLineEdit(customer);
    m_email->setAccessibleName(tr("Email"));
    m_customerId = new QLineEdit(customer);
    m_customerId->setAccessibleName(tr("Stripe customer id"));
    m_customerId->setPlaceholderText(u"cus_…"_s);
    m_country = new QLineEdit(customer);
    m_country->setAccessibleName(tr("Shipping country"));
    m_country->setPlaceholderText(tr("FR"));
    customerForm->addRow(tr("Profile"), m_customer);
    customerForm->addRow(QString(), loadCustomer);
    customerForm->addRow(tr("Email"), m_email);
    customerForm->addRow(tr("Stripe customer"), m_customerId);
    customerForm->addRow(tr("Shipping country"), m_country);
    inputsLayout->addWidget(customer);

    // When, code, rules
    auto *when = new QGroupBox(tr("When and how"), inputs);
    auto *whenForm = new QFormLayout(when);
    whenForm->setRowWrapPolicy(QFormLayout::WrapLongRows);
    m_when = new QDateTimeEdit(when);
    m_when->setObjectName(u"simWhen"_s);
    m_when->setAccessibleName(tr("Date and time"));
    m_when->setCalendarPopup(true);
    m_when->setDisplayFormat(u"yyyy-MM-dd HH:mm"_s);
    const QDateTime now = m_context.clock.now().toLocalTime();
    m_when->setDateTime(QDateTime(now.date(), now.time()));
    m_zone = new QComboBox(when);
    m_zone->setObjectName(u"simZone"_s);
    m_zone->setAccessibleName(tr("Time zone"));
    m_zone->setEditable(true);
    m_zone->setInsertPolicy(QComboBox::NoInsert);
    const QByteArray system = QTimeZone::systemTimeZoneId();
    m_zone->addItem(QString::fromUtf8(system), system);
    for (const QByteArray &id : QTimeZone::availableTimeZoneIds())
        if (id != system)
            m_zone->addItem(QString::fromUtf8(id), id);
    m_code = new QLineEdit(when);
    m_code->setObjectName(u"simCode"_s);
    m_code->setAccessibleName(tr("Code"));
    m_code->setPlaceholderText(tr("No code"));
    m_rules = new QComboBox(when);
    m_rules->setObjectName(u"simRules"_s);
    m_rules->setAccessibleName(tr("Rules"));
    m_rules->addItem(tr("The live rules"), u"live"_s);
    m_rules->addItem(tr("The draft"), u"draft"_s);
    whenForm->addRow(tr("Date and time"), m_when);
    whenForm->addRow(tr("Time zone"), m_zone);
    whenForm->addRow(tr("Code"), m_code);
    whenForm->addRow(tr("Rules"), m_rules);
    inputsLayout->addWidget(when);
    m_simulate = new QPushButton(tr("&Simulate"), inputs);
    m_simulate->setObjectName(u"simulateButton"_s);
    m_simulate->setDefault(true);
    inputsLayout->addWidget(m_simulate);
    inputsLayout->addStretch();

    // The result
    auto *results = new QWidget(splitter);
    auto *resultsLayout = new QVBoxLayout(results);
    m_summary =
        new QLabel(tr("Build a cart, pick a customer and a time, then press Simulate."), results);
    m_summary->setObjectName(u"simSummary"_s);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont big = m_summary->font();
    big.setPointSizeF(big.pointSizeF() * 1.2);
    m_summary->setFont(big);
    resultsLayout->addWidget(m_summary);
    m_view = new QTableView(results);
    m_view->setObjectName(u"simDecision"_s);
    m_view->setAccessibleName(tr("Every campaign's result"));
    m_view->setModel(m_model);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setWordWrap(true);
    m_view->resizeColumnsToContents();
    resultsLayout->addWidget(m_view, 2);
    auto *openBox = new QGroupBox(tr("Every open test session at this time"), results);
    auto *openLayout = new QVBoxLayout(openBox);
    auto *openRow = new QHBoxLayout;
    m_runOpen = new QPushButton(tr("Run on open sessions"), openBox);
    m_runOpen->setObjectName(u"runOpenSessions"_s);
    m_runOpen->setToolTip(tr("Decides every open test session with the live rules and the draft. "
                             "Nothing is written to Stripe or to the database."));
    m_cancelOpen = new QPushButton(tr("Cancel"), openBox);
    m_cancelOpen->hide();
    m_openSummary = new QLabel(openBox);
    m_openSummary->setWordWrap(true);
    openRow->addWidget(m_runOpen);
    openRow->addWidget(m_cancelOpen);
    openRow->addWidget(m_openSummary, 1);
    openLayout->addLayout(openRow);
    m_openTable = new QTableWidget(0, 5, openBox);
    m_openTable->setObjectName(u"simOpenSessions"_s);
    m_openTable->setHorizontalHeaderLabels(
        {tr("Session"), tr("Customer"), tr("Subtotal"), tr("Live rules"), tr("Draft")});
    m_openTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_openTable->verticalHeader()->hide();
    // Columns as wide as their headers and contents ("Règles en vigueur" in French); the
    // customer takes the room left. At most 100 sessions: sizing to contents stays cheap.
    m_openTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_openTable->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    openLayout->addWidget(m_openTable);
    resultsLayout->addWidget(openBox, 1);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);

    connect(addItem, &QPushButton::clicked, this, [this] { addItemRow({}, {}, 0, 1); });
    connect(loadSession, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Load a Checkout Session"), {},
                                                          tr("JSON files (*.json)"));
        if (!path.isEmpty())
            if (auto loaded = loadSessionFile(path); !loaded)
                m_summary->setText(loaded.error().describe());
    });
    connect(loadCustomer, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Load a customer profile"), {},
                                                          tr("JSON files (*.json)"));
        if (!path.isEmpty())
            if (auto loaded = loadCustomerFile(path); !loaded)
                m_summary->setText(loaded.error().describe());
    });
    connect(m_customer, &QComboBox::currentIndexChanged, this, [this] {
        if (const auto p = profile()) {
            m_email->setText(p->email);
            m_customerId->setText(p->id);
        }
    });
    connect(m_simulate, &QPushButton::clicked, this, [this] { (void)simulate(); });
    connect(m_runOpen, &QPushButton::clicked, this, &SimulatorPage::runOpenSessions);
    addItemRow(tr("Item"), {}, 5000, 1);
    reloadCustomers();
}

SimulatorPage::~SimulatorPage() = default;

void SimulatorPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    reloadCustomers();
    m_runOpen->setEnabled(m_context.stripe != nullptr && !isRunning());
    if (!m_context.stripe)
        m_openSummary->setText(tr("Connect a Stripe test key (or start the demo) to run on open "
                                  "sessions."));
}

void SimulatorPage::reloadCustomers()
{
    if (auto customers = m_context.store.customers())
        m_customers = *customers;
    const QSignalBlocker blocker(m_customer);
    const int current = m_customer->currentData().toInt();
    m_customer->clear();
    m_customer->addItem(tr("No local profile"), -1);
    if (m_fileProfile)
        m_customer->addItem(
            tr("From the file: %1")
                .arg(m_fileProfile->email.isEmpty() ? m_fileProfile->id : m_fileProfile->email),
            -2);
    for (int i = 0; i < m_customers.size(); ++i)
        m_customer->addItem(
            m_customers[i].email.isEmpty() ? m_customers[i].id : m_customers[i].email, i);
    m_customer->setCurrentIndex(std::max(0, m_customer->findData(current)));
}

void SimulatorPage::addItemRow(const QString &description, const QString &product,
                               qint64 unitAmount, int quantity)
{
    auto *row = new QWidget(this);
    auto *h = new QHBoxLayout(row);
    h->setContentsMargins(0, 0, 0, 0);
    auto *name = new QLineEdit(description, row);
    name->setObjectName(u"description"_s);
    name->setAccessibleName(tr("Description"));
    auto *prod = new QLineEdit(product, row);
    prod->setObjectName(u"product"_s);
    prod->setAccessibleName(tr("Stripe product id"));
    prod->setPlaceholderText(u"prod_…"_s);
    auto *price = new QDoubleSpinBox(row);
    price->setObjectName(u"price"_s);
    price->setAccessibleName(tr("Unit price"));
    price->setRange(0, 1e9);
    const QString cur = m_currency->currentText().trimmed().toLower();
    const int decimals = currency::isValidCode(cur) ? currency::decimals(cur) : 2;
    price->setDecimals(decimals);
    price->setValue(double(unitAmount) / std::pow(10.0, decimals));
    auto *qty = new QSpinBox(row);
    qty->setObjectName(u"quantity"_s);
    qty->setAccessibleName(tr("Quantity"));
    qty->setRange(1, 10000);
    qty->setValue(quantity);
    auto *remove = new QToolButton(row);
    remove->setText(tr("Remove"));
    remove->setAccessibleName(tr("Remove this line item"));
    h->addWidget(name, 3);
    h->addWidget(prod, 2);
    h->addWidget(price, 2);
    h->addWidget(qty, 1);
    h->addWidget(remove);
    m_items->addWidget(row);
    connect(remove, &QToolButton::clicked, this, [this, row] {
        m_items->removeWidget(row);
        row->hide();
        row->setParent(nullptr);
        row->deleteLater();
    });
}

void SimulatorPage::addItem(const QString &description, const QString &product, qint64 unitAmount,
                            int quantity)
{
    addItemRow(description, product, unitAmount, quantity);
}

Status SimulatorPage::loadSessionFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(errc::io, tr("Cannot read %1: %2").arg(path, file.errorString()));
    auto object = json::parseObject(file.readAll(), path);
    if (!object)
        return fail(object.error());
    auto s = SessionSnapshot::fromStripe(*object);
    if (!s) {
        Error e = s.error();
        e.message = path + u": "_s + e.message;
        return fail(e);
    }
    m_sessionId = s->id;
    m_currency->setCurrentText(s->currency);
    while (QLayoutItem *item = m_items->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    for (const LineItem &item : s->lineItems)
        addItemRow(item.description, item.productId,
                   item.quantity ? item.amountSubtotal / item.quantity : item.unitAmount,
                   int(item.quantity));
    m_email->setText(!s->detailsEmail.isEmpty() ? s->detailsEmail : s->customerEmail);
    m_customerId->setText(s->customerId);
    const Address address =
        s->shippingAddress.country.isEmpty() ? s->billingAddress : s->shippingAddress;
    m_country->setText(address.country);
    // A local profile of this customer, when there is one.
    for (int i = 0; i < m_customers.size(); ++i)
        if ((!s->customerId.isEmpty() && m_customers[i].id == s->customerId))
            m_customer->setCurrentIndex(m_customer->findData(i));
    return {};
}

Status SimulatorPage::loadCustomerFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(errc::io, tr("Cannot read %1: %2").arg(path, file.errorString()));
    auto object = json::parseObject(file.readAll(), path);
    if (!object)
        return fail(object.error());
    auto parsed = customerfile::profileFromJson(*object);
    if (!parsed) {
        Error e = parsed.error();
        e.message = path + u": "_s + e.message;
        return fail(e);
    }
    m_fileProfile = *parsed;
    reloadCustomers();
    m_customer->setCurrentIndex(m_customer->findData(-2));
    return {};
}

std::optional<CustomerProfile> SimulatorPage::profile() const
{
    const int index = m_customer->currentData().toInt();
    if (index == -2)
        return m_fileProfile;
    if (index >= 0 && index < m_customers.size())
        return m_customers.at(index);
    return std::nullopt;
}

Result<SessionSnapshot> SimulatorPage::session() const
{
    const QString cur = m_currency->currentText().trimmed().toLower();
    if (!currency::isValidCode(cur))
        return fail(errc::invalidValue,
                    tr("\"%1\" is not a currency code such as eur or usd.").arg(cur));
    const double scale = std::pow(10.0, currency::decimals(cur));
    QJsonArray items;
    qint64 subtotal = 0;
    for (int i = 0; i < m_items->count(); ++i) {
        QWidget *row = m_items->itemAt(i)->widget();
        if (!row)
            continue;
        const qint64 unit =
            qint64(std::llround(row->findChild<QDoubleSpinBox *>(u"price"_s)->value() * scale));
        const qint64 qty = row->findChild<QSpinBox *>(u"quantity"_s)->value();
        const QString product = row->findChild<QLineEdit *>(u"product"_s)->text().trimmed();
        subtotal += unit * qty;
        items.append(QJsonObject{
            {u"id"_s, u"li_sim_%1"_s.arg(i + 1)},
            {u"object"_s, u"item"_s},
            {u"description"_s, row->findChild<QLineEdit *>(u"description"_s)->text()},
            {u"quantity"_s, qty},
            {u"amount_subtotal"_s, unit * qty},
            {u"amount_total"_s, unit * qty},
            {u"amount_discount"_s, 0},
            {u"currency"_s, cur},
            {u"price"_s,
             QJsonObject{{u"id"_s, u"price_sim_%1"_s.arg(i + 1)},
                         {u"unit_amount"_s, unit},
                         {u"product"_s, product.isEmpty() ? QJsonValue() : QJsonValue(product)}}}});
    }
    const QString country = m_country->text().trimmed().toUpper();
    const QJsonObject address{
        {u"country"_s, country.isEmpty() ? QJsonValue() : QJsonValue(country)}};
    const QString email = m_email->text().trimmed();
    const QString customerId = m_customerId->text().trimmed();
    const QJsonObject raw{
        {u"id"_s, m_sessionId.isEmpty() ? u"cs_test_simulated"_s : m_sessionId},
        {u"object"_s, u"checkout.session"_s},
        {u"status"_s, u"open"_s},
        {u"mode"_s, u"payment"_s},
        {u"livemode"_s, false},
        {u"currency"_s, cur},
        {u"amount_subtotal"_s, subtotal},
        {u"amount_total"_s, subtotal},
        {u"customer"_s, customerId.isEmpty() ? QJsonValue() : QJsonValue(customerId)},
        {u"customer_email"_s, email.isEmpty() ? QJsonValue() : QJsonValue(email)},
        {u"customer_details"_s,
         QJsonObject{{u"email"_s, email.isEmpty() ? QJsonValue() : QJsonValue(email)},
                     {u"address"_s, address}}},
        {u"collected_information"_s,
         QJsonObject{{u"shipping_details"_s, QJsonObject{{u"address"_s, address}}}}},
        {u"line_items"_s,
         QJsonObject{{u"object"_s, u"list"_s}, {u"has_more"_s, false}, {u"data"_s, items}}}};
    return SessionSnapshot::fromStripe(raw);
}

Result<CampaignSet> SimulatorPage::rules() const
{
    if (m_rules->currentData().toString() == u"draft") {
        auto book = drafts::DraftBook::load(m_context.store);
        if (!book)
            return fail(book.error());
        return book->rules();
    }
    return m_context.store.loadRules();
}

qint64 SimulatorPage::simulatedNowMs() const
{
    QTimeZone tz(m_zone->currentData().toByteArray());
    if (!tz.isValid())
        tz = QTimeZone(m_zone->currentText().toUtf8());
    if (!tz.isValid())
        tz = QTimeZone::systemTimeZone();
    return QDateTime(m_when->date(), m_when->time(), tz).toMSecsSinceEpoch();
}

Result<Decision> SimulatorPage::simulate()
{
    const auto failed = [this](const Error &e) -> Result<Decision> {
        m_summary->setText(tr("The simulation could not run: %1").arg(e.describe()));
        m_model->setDecision({}, CampaignSet{});
        return fail(e);
    };
    auto s = session();
    if (!s)
        return failed(s.error());
    auto book = rules();
    if (!book)
        return failed(book.error());
    const qint64 now = simulatedNowMs();
    const std::optional<CustomerProfile> p = profile();
    const CustomerContext customer = CustomerContext::build(*s, p);
    auto usage = m_context.store.usage(s->id, customer.key(), now);
    if (!usage)
        return failed(usage.error());
    const Engine engine(*book);
    const Decision decision =
        engine.decide(*s, customer, DecisionInput{m_code->text(), now, *usage});
    m_model->setDecision(decision, *book);
    m_view->resizeColumnsToContents();
    const QString when = QLocale().toString(
        QDateTime::fromMSecsSinceEpoch(now, QTimeZone(m_zone->currentData().toByteArray())),
        QLocale::LongFormat);
    if (decision.discount)
        m_summary->setText(tr("%1 off a cart of %2: %3. Decided as of %4.")
                               .arg(formatMoney(decision.discount->amountOff, decision.currency),
                                    formatMoney(decision.subtotal, decision.currency),
                                    decision.discount->name, when));
    else
        m_summary->setText(tr("No discount for a cart of %1. Decided as of %2.")
                               .arg(formatMoney(decision.subtotal, decision.currency), when));
    return decision;
}

bool SimulatorPage::isRunning() const
{
    return m_runner && m_runner->isRunning();
}

void SimulatorPage::runOpenSessions()
{
    if (!m_context.stripe || isRunning())
        return;
    auto live = m_context.store.loadRules();
    auto book = drafts::DraftBook::load(m_context.store);
    if (!live || !book) {
        m_openSummary->setText((!live ? live.error() : book.error()).describe());
        return;
    }
    auto draft = book->rules();
    if (!draft) {
        m_openSummary->setText(
            tr("The draft has problems; fix them to compare: %1").arg(draft.error().describe()));
        draft = *live;
    }
    delete m_runner;
    m_runner = new ImpactRunner(m_context, *live, *draft, this);
    m_runner->setNow(simulatedNowMs());
    m_runner->setBacktest(false);
    connect(m_runner, &ImpactRunner::progress, m_openSummary, &QLabel::setText);
    connect(m_runner, &ImpactRunner::finished, this, &SimulatorPage::showOpenSessions);
    connect(m_cancelOpen, &QPushButton::clicked, m_runner, &ImpactRunner::cancel);
    m_runOpen->setEnabled(false);
    m_cancelOpen->show();
    m_runner->start();
}

void SimulatorPage::showOpenSessions(const drafts::ImpactReport &report, const QString &error)
{
    m_runOpen->setEnabled(true);
    m_cancelOpen->hide();
    m_openTable->setRowCount(0);
    for (const drafts::SessionImpact &s : report.open) {
        const int row = m_openTable->rowCount();
        m_openTable->insertRow(row);
        m_openTable->setItem(row, 0, new QTableWidgetItem(s.sessionId));
        m_openTable->setItem(row, 1, new QTableWidgetItem(s.email));
        const qint64 amounts[] = {s.subtotal, s.live, s.draft};
        for (int column = 2; column < 5; ++column) {
            auto *item = new QTableWidgetItem(formatMoney(amounts[column - 2], s.currency));
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_openTable->setItem(row, column, item);
        }
    }
    QString text =
        tr("%n open session(s) decided; nothing was written.", nullptr, int(report.open.size()));
    if (!error.isEmpty())
        text = error + u' ' + text;
    m_openSummary->setText(text);
}

} // namespace remise::ui
