#include "sessiondetail.h"

#include "activitymodel.h"
#include "appcontext.h"
#include "campaign.h"
#include "store.h"
#include "text.h"

#include <QAction>
#include <QApplication>
#include <QFormLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QMessageBox>
#include <QResizeEvent>
#include <QStyledItemDelegate>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace remise::ui {

namespace {

/// Wraps the last column's text within the column's width (a reason is a sentence); the
/// height it needs is what the tree lays out.
class WrapDelegate : public QStyledItemDelegate
{
public:
    explicit WrapDelegate(QTreeView *view)
        : QStyledItemDelegate(view)
        , m_view(view)
    {}
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QSize size = QStyledItemDelegate::sizeHint(option, index);
        const int width = m_view->columnWidth(index.column()) - 8;
        if (width <= 0)
            return size;
        const QRect needed = option.fontMetrics.boundingRect(
            QRect(0, 0, width, 10'000), Qt::TextWordWrap, index.data().toString());
        size.setHeight(std::max(size.height(), needed.height() + 4));
        return size;
    }

private:
    QTreeView *m_view;
};

/// A tree as tall as its rows (no scroll bars in a pane that scrolls as a whole), with the last
/// column wrapping its text: reasons are sentences and must not be clipped in French either.
class FitTree : public QTreeWidget
{
public:
    using QTreeWidget::QTreeWidget;

    QSize sizeHint() const override
    {
        int height = header()->isHidden() ? 0 : header()->sizeHint().height();
        for (int i = 0; i < topLevelItemCount(); ++i)
            height += indexRowSizeHint(indexFromItem(topLevelItem(i)));
        return {QTreeWidget::sizeHint().width(), height + 2 * frameWidth() + 2};
    }
    QSize minimumSizeHint() const override { return {0, sizeHint().height()}; }

    /// Call after filling: sizes the first columns to their content, the last takes the rest.
    void fit()
    {
        for (int column = 0; column + 1 < columnCount(); ++column)
            resizeColumnToContents(column);
        doItemsLayout();
        updateGeometry();
    }

protected:
    void resizeEvent(QResizeEvent *event) override
    {
        QTreeWidget::resizeEvent(event);
        // Wrapped rows change height with the width: lay out again, then tell the layout.
        doItemsLayout();
        updateGeometry();
    }
};

FitTree *makeTree(const QStringList &headers, const QString &name, QWidget *parent)
{
    auto *tree = new FitTree(parent);
    tree->setObjectName(name);
    tree->setHeaderLabels(headers);
    tree->setRootIsDecorated(false);
    tree->setUniformRowHeights(false);
    tree->setWordWrap(true);
    tree->setTextElideMode(Qt::ElideNone);
    tree->setSelectionMode(QAbstractItemView::NoSelection);
    tree->setFocusPolicy(Qt::TabFocus);
    tree->header()->setStretchLastSection(true);
    tree->header()->setSectionsMovable(false);
    tree->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    tree->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    tree->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    tree->setItemDelegateForColumn(headers.size() - 1, new WrapDelegate(tree));
    return tree;
}

QLabel *makeLabel(QWidget *parent, const QString &name = {})
{
    auto *label = new QLabel(parent);
    label->setObjectName(name);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    return label;
}

void fitHeight(QTreeWidget *tree)
{
    static_cast<FitTree *>(tree)->fit();
}

} // namespace

SessionDetail::SessionDetail(AppContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
{
    setObjectName(u"sessionDetail"_s);
    m_apply = new QAction(tr("&Apply now"), this);
    m_apply->setObjectName(u"applyNow"_s);
    m_apply->setShortcut(Qt::CTRL | Qt::Key_Return);
    m_apply->setToolTip(tr("Decide again and update the session's discount in Stripe (%1)")
                            .arg(m_apply->shortcut().toString(QKeySequence::NativeText)));
    m_remove = new QAction(tr("&Remove discount"), this);
    m_remove->setObjectName(u"removeDiscount"_s);
    m_remove->setToolTip(tr("Remove any discount from the session, whatever the rules say"));
    m_simulate = new QAction(tr("&Simulate with a code…"), this);
    m_simulate->setObjectName(u"simulateCode"_s);
    m_simulate->setToolTip(tr("See what the session would get with a code; nothing is sent"));
    connect(m_apply, &QAction::triggered, this, &SessionDetail::applyNow);
    connect(m_remove, &QAction::triggered, this, [this] {
        if (QMessageBox::question(this, tr("Remove discount"),
                                  tr("Remove the discount from %1? The customer sees the new "
                                     "total at once.")
                                      .arg(m_sessionId)) == QMessageBox::Yes)
            removeDiscount();
    });
    connect(m_simulate, &QAction::triggered, this, [this] {
        bool ok = false;
        const QString code =
            QInputDialog::getText(this, tr("Simulate with a code"),
                                  tr("Code the customer would enter (nothing is sent to Stripe):"),
                                  QLineEdit::Normal, {}, &ok);
        if (ok && !code.trimmed().isEmpty())
            simulateCode(code.trimmed());
    });

    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    m_placeholder = new QLabel(tr("Select a session to see its cart, its customer and why each "
                                  "campaign does or does not apply."),
                               this);
    m_placeholder->setWordWrap(true);
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setEnabled(false);
    outer->addWidget(m_placeholder);

    m_content = new QWidget(this);
    outer->addWidget(m_content);
    auto *layout = new QVBoxLayout(m_content);
    layout->setContentsMargins(12, 8, 12, 8);

    m_title = makeLabel(m_content, u"sessionTitle"_s);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    layout->addWidget(m_title);
    m_summary = makeLabel(m_content, u"sessionSummary"_s);
    layout->addWidget(m_summary);

    m_message = makeLabel(m_content, u"sessionMessage"_s);
    m_message->hide();
    layout->addWidget(m_message);

    auto *cart = new QGroupBox(tr("Cart"), m_content);
    auto *cartLayout = new QVBoxLayout(cart);
    m_items = makeTree({tr("Item"), tr("Quantity"), tr("Unit price"), tr("Amount")}, u"lineItems"_s,
                       cart);
    m_items->setAccessibleName(tr("Line items"));
    cartLayout->addWidget(m_items);
    m_totals = makeLabel(cart, u"totals"_s);
    m_totals->setAlignment(Qt::AlignRight);
    cartLayout->addWidget(m_totals);
    layout->addWidget(cart);

    auto *customer = new QGroupBox(tr("Customer"), m_content);
    auto *customerLayout = new QVBoxLayout(customer);
    m_customer = makeLabel(customer, u"customer"_s);
    customerLayout->addWidget(m_customer);
    layout->addWidget(customer);

    auto *current = new QGroupBox(tr("Current discount"), m_content);
    auto *currentLayout = new QVBoxLayout(current);
    m_currentDiscount = makeLabel(current, u"currentDiscount"_s);
    currentLayout->addWidget(m_currentDiscount);
    layout->addWidget(current);

    auto *decision = new QGroupBox(tr("Decision"), m_content);
    auto *decisionLayout = new QVBoxLayout(decision);
    m_decisionSummary = makeLabel(decision, u"decisionSummary"_s);
    decisionLayout->addWidget(m_decisionSummary);
    m_decision = makeTree({tr("Campaign"), tr("Result"), tr("Amount"), tr("Why")},
                          u"decisionTree"_s, decision);
    m_decision->setAccessibleName(tr("Campaigns and their reasons"));
    decisionLayout->addWidget(m_decision);
    layout->addWidget(decision);

    m_simulationBox = new QGroupBox(tr("Simulation"), m_content);
    auto *simulationLayout = new QVBoxLayout(m_simulationBox);
    m_simulationSummary = makeLabel(m_simulationBox, u"simulationSummary"_s);
    simulationLayout->addWidget(m_simulationSummary);
    m_simulation = makeTree({tr("Campaign"), tr("Result"), tr("Amount"), tr("Why")},
                            u"simulationTree"_s, m_simulationBox);
    simulationLayout->addWidget(m_simulation);
    m_simulationBox->hide();
    layout->addWidget(m_simulationBox);

    auto *history = new QGroupBox(tr("History"), m_content);
    auto *historyLayout = new QVBoxLayout(history);
    m_history = makeTree({tr("Time"), tr("Who"), tr("Outcome"), tr("Before"), tr("After")},
                         u"historyTree"_s, history);
    m_history->setAccessibleName(tr("Activity of this session"));
    historyLayout->addWidget(m_history);
    layout->addWidget(history);
    layout->addStretch();

    m_content->hide();
    updateActions();
}

QString SessionDetail::actorName() const
{
    QString user = qEnvironmentVariable("USER");
    if (user.isEmpty())
        user = qEnvironmentVariable("USERNAME");
    return u"desktop:"_s + (user.isEmpty() ? u"user"_s : user);
}

void SessionDetail::updateActions()
{
    const bool ready = m_context.workflow && !m_sessionId.isEmpty() && !m_busy;
    m_apply->setEnabled(ready && m_open);
    m_remove->setEnabled(ready && m_open && m_hasDiscount);
    m_simulate->setEnabled(ready && m_open);
}

void SessionDetail::showSession(const QString &sessionId)
{
    if (sessionId == m_sessionId && !sessionId.isEmpty())
        return;
    m_sessionId = sessionId;
    m_simulationBox->hide();
    m_message->hide();
    if (sessionId.isEmpty()) {
        ++m_generation;
        m_content->hide();
        m_placeholder->show();
        updateActions();
        return;
    }
    reload();
}

void SessionDetail::reload()
{
    if (m_sessionId.isEmpty() || !m_context.workflow)
        return;
    m_placeholder->hide();
    m_content->show();
    m_title->setText(m_sessionId);
    m_summary->setText(tr("Loading…"));
    UpdateRequest request;
    request.sessionId = m_sessionId;
    request.actor = actorName();
    request.action = u"apply"_s;
    request.dryRun = true;
    const quint64 generation = ++m_generation;
    const QString id = m_sessionId;
    m_busy = true;
    updateActions();
    m_context.workflow->run(request, this, [this, generation, id](Result<UpdateOutcome> outcome) {
        if (generation != m_generation)
            return;
        m_busy = false;
        if (outcome)
            showOutcome(*outcome);
        else
            showError(outcome.error());
        updateActions();
        emit loaded(id, bool(outcome));
    });
}

void SessionDetail::showError(const Error &error)
{
    m_summary->setText(tr("Cannot decide for this session."));
    m_message->setText(error.message);
    m_message->setToolTip(error.code);
    m_message->show();
    // A session that is no longer open still shows what we know of it.
    m_open = error.code != u"session_not_open" && error.code != u"session_not_found";
    fillHistory();
}

void SessionDetail::showOutcome(const UpdateOutcome &outcome)
{
    const SessionSnapshot &s = outcome.session;
    m_open = s.status == u"open";
    m_hasDiscount = !s.discounts.isEmpty();
    const QString email =
        !s.detailsEmail.isEmpty()
            ? s.detailsEmail
            : (!s.customerEmail.isEmpty() ? s.customerEmail
                                          : (s.customer ? s.customer->email : QString()));
    m_title->setText(s.id);
    QStringList summary{text::sessionStatus(s.status)};
    if (s.created)
        summary.append(tr("created %1").arg(text::stripeTime(s.created)));
    if (s.expiresAt && s.status == u"open")
        summary.append(tr("expires %1").arg(text::stripeTime(s.expiresAt)));
    m_summary->setText(summary.join(u" · "_s));

    m_items->clear();
    for (const LineItem &item : s.lineItems) {
        auto *row =
            new QTreeWidgetItem(m_items, {item.description, QLocale().toString(item.quantity),
                                          text::money(item.unitAmount, s.currency),
                                          text::money(item.amountSubtotal, s.currency)});
        row->setTextAlignment(1, Qt::AlignRight | Qt::AlignVCenter);
        row->setTextAlignment(2, Qt::AlignRight | Qt::AlignVCenter);
        row->setTextAlignment(3, Qt::AlignRight | Qt::AlignVCenter);
        row->setToolTip(0, item.productId.isEmpty() ? item.priceId : item.productId);
    }
    fitHeight(m_items);
    const qint64 total = s.amountTotal.value_or(s.subtotal - s.amountDiscount);
    m_totals->setText(tr("Subtotal %1 · Discount %2 · <b>Total %3</b>")
                          .arg(text::money(s.subtotal, s.currency),
                               text::money(s.amountDiscount, s.currency),
                               text::money(total, s.currency)));

    QStringList customer;
    customer.append(email.isEmpty() ? tr("Guest (no email yet)") : email.toHtmlEscaped());
    if (!s.customerName.isEmpty())
        customer.append(s.customerName.toHtmlEscaped());
    if (!s.customerId.isEmpty())
        customer.append(tr("Stripe customer %1").arg(s.customerId));
    const auto profile = m_context.store.findCustomer(s.customerId, email);
    if (profile && *profile) {
        const CustomerProfile &p = **profile;
        QString line = tr("Local profile: %n order(s)", nullptr, int(p.orderCount));
        if (!p.loyaltyTier.isEmpty())
            line += u", "_s + tr("loyalty tier %1").arg(p.loyaltyTier);
        customer.append(line);
    } else {
        customer.append(tr("No local profile"));
    }
    if (!s.shippingAddress.isEmpty())
        customer.append(tr("Ships to %1").arg(text::address(s.shippingAddress).toHtmlEscaped()));
    if (!s.billingAddress.isEmpty())
        customer.append(tr("Billing: %1").arg(text::address(s.billingAddress).toHtmlEscaped()));
    if (s.shippingAddress.isEmpty() && s.billingAddress.isEmpty())
        customer.append(tr("No address yet"));
    m_customer->setText(customer.join(u"<br>"_s));

    // The current discount, and who set it: Remise writes the decision id on its coupons, and
    // the activity log says who ran that decision.
    if (s.discounts.isEmpty()) {
        m_currentDiscount->setText(tr("No discount."));
    } else {
        const SessionDiscount &d = s.discounts.first();
        QString what = d.amountOff    ? text::money(*d.amountOff, d.currency)
                       : d.percentOff ? QLocale().toString(*d.percentOff) + u" %"_s
                                      : tr("A discount");
        if (!d.name.isEmpty())
            what += u" · "_s + d.name.toHtmlEscaped();
        const QString decisionId = d.metadata.value(metadatakeys::decision);
        QString who;
        if (decisionId.isEmpty()) {
            who = tr("Set outside Remise (coupon %1).")
                      .arg(d.couponId.isEmpty() ? d.promotionCodeId : d.couponId);
        } else {
            ActivityFilter filter;
            filter.sessionId = s.id;
            filter.limit = 50;
            who = tr("Set by Remise (decision %1).").arg(decisionId);
            if (auto entries = m_context.store.activity(filter)) {
                for (const ActivityEntry &e : *entries) {
                    if (e.decisionId == decisionId && e.outcome == u"applied") {
                        who =
                            tr("Set by %1 on %2.")
                                .arg(text::actor(e.actor).toHtmlEscaped(), text::dateTime(e.atMs));
                        break;
                    }
                }
            }
        }
        m_currentDiscount->setText(what + u"<br>"_s + who);
    }

    const Decision &decision = outcome.decision;
    QString verdict;
    if (decision.discount)
        verdict = tr("Remise decides %1 off (“%2”).")
                      .arg(text::money(decision.discount->amountOff, decision.currency),
                           decision.discount->name.toHtmlEscaped());
    else
        verdict = tr("No campaign applies: Remise decides no discount.");
    if (m_open)
        verdict += u" "_s + (UpdateWorkflow::carries(s, decision.discount)
                                 ? tr("The session already carries it; Apply now sends nothing.")
                                 : tr("Apply now would change the session's discount."));
    m_decisionSummary->setText(verdict);
    fillDecision(m_decision, decision);
    fillHistory();
}

void SessionDetail::fillDecision(QTreeWidget *tree, const Decision &decision)
{
    tree->clear();
    const auto rules = m_context.store.loadRules();
    for (const CampaignOutcome &c : decision.campaigns) {
        const Campaign *campaign = rules ? rules->campaign(c.id) : nullptr;
        const QString name = campaign && !campaign->name.isEmpty() ? campaign->name : c.id;

        const QString result = c.applied    ? tr("Applies")
                               : c.eligible ? tr("Eligible")
                                            : tr("Does not apply");
        auto *row = new QTreeWidgetItem(
            tree,
            {name, result, c.eligible ? text::money(c.amountOff, decision.currency) : QString(),
             text::reason(c.reason, campaign, decision.currency)});
        row->setData(0, Qt::UserRole, c.id);
        row->setToolTip(0, c.id);
        row->setData(3, Qt::UserRole, reason::code(c.reason));
        row->setToolTip(3, c.reason == Reason::None ? tr("applied") : reason::code(c.reason));
        row->setTextAlignment(2, Qt::AlignRight | Qt::AlignVCenter);
        if (c.applied) {
            QFont bold = row->font(0);
            bold.setBold(true);
            for (int column = 0; column < 4; ++column)
                row->setFont(column, bold);
        }
    }
    fitHeight(tree);
}

void SessionDetail::fillHistory()
{
    m_history->clear();
    ActivityFilter filter;
    filter.sessionId = m_sessionId;
    filter.limit = 50;
    const auto entries = m_context.store.activity(filter);
    if (!entries)
        return;
    for (const ActivityEntry &e : *entries) {
        auto *row = new QTreeWidgetItem(m_history, {text::dateTime(e.atMs), text::actor(e.actor),
                                                    text::outcome(e.outcome),
                                                    ActivityModel::discountText(e.before),
                                                    ActivityModel::discountText(e.after)});
        row->setToolTip(2, e.message);
    }
    if (entries->isEmpty())
        new QTreeWidgetItem(m_history, {tr("No update yet.")});
    fitHeight(m_history);
}

void SessionDetail::run(const UpdateRequest &request)
{
    if (!m_context.workflow || m_busy)
        return;
    m_busy = true;
    updateActions();
    m_message->setText(tr("Updating the session in Stripe…"));
    m_message->show();
    const QString id = request.sessionId;
    m_context.workflow->run(request, this, [this, id](Result<UpdateOutcome> outcome) {
        m_busy = false;
        QString message;
        if (!outcome) {
            message = tr("Not updated: %1").arg(outcome.error().message);
            m_message->setToolTip(outcome.error().code);
        } else {
            switch (outcome->kind) {
            case UpdateOutcome::Kind::Applied:
                message = tr("Applied %1 off. Stripe request %2, %3 ms.")
                              .arg(outcome->decision.discount
                                       ? text::money(outcome->decision.discount->amountOff,
                                                     outcome->decision.currency)
                                       : QString(),
                                   outcome->stripeRequestId)
                              .arg(outcome->latencyMs);
                break;
            case UpdateOutcome::Kind::Removed:
                message = tr("Discount removed. Stripe request %1.").arg(outcome->stripeRequestId);
                break;
            case UpdateOutcome::Kind::Unchanged:
                message = tr("Unchanged: the session already carries the right discount.");
                break;
            case UpdateOutcome::Kind::DryRun:
                break;
            }
            m_message->setToolTip(UpdateOutcome::kindName(outcome->kind));
        }
        m_message->setText(message);
        m_message->show();
        emit actionFinished(id, bool(outcome), message);
        emit sessionChanged(id);
        if (id == m_sessionId) {
            // Decide again from Stripe's state, keeping the message on screen.
            const QString keep = message;
            reload();
            connect(
                this, &SessionDetail::loaded, this,
                [this, keep](const QString &, bool) {
                    m_message->setText(keep);
                    m_message->show();
                },
                Qt::SingleShotConnection);
        }
    });
}

void SessionDetail::applyNow()
{
    UpdateRequest request;
    request.sessionId = m_sessionId;
    request.actor = actorName();
    request.action = u"apply"_s;
    run(request);
}

void SessionDetail::removeDiscount()
{
    UpdateRequest request;
    request.sessionId = m_sessionId;
    request.actor = actorName();
    request.action = u"remove"_s;
    request.mode = UpdateRequest::Mode::Clear;
    run(request);
}

void SessionDetail::simulateCode(const QString &code)
{
    if (!m_context.workflow || m_sessionId.isEmpty())
        return;
    UpdateRequest request;
    request.sessionId = m_sessionId;
    request.actor = actorName();
    request.action = u"code"_s;
    request.codeAction = UpdateRequest::Code::Submit;
    request.code = code;
    request.dryRun = true;
    m_simulationBox->show();
    m_simulationBox->setTitle(tr("Simulation with the code “%1”").arg(code));
    m_simulationSummary->setText(tr("Deciding…"));
    m_simulation->clear();
    const quint64 generation = m_generation;
    m_context.workflow->run(request, this, [this, generation](Result<UpdateOutcome> outcome) {
        if (generation != m_generation)
            return;
        if (!outcome) {
            m_simulationSummary->setText(outcome.error().message);
            m_simulationSummary->setToolTip(outcome.error().code);
            fitHeight(m_simulation);
            return;
        }
        const Decision &d = outcome->decision;
        m_simulationSummary->setText(d.discount
                                         ? tr("With this code: %1 off (“%2”). Nothing was sent.")
                                               .arg(text::money(d.discount->amountOff, d.currency),
                                                    d.discount->name.toHtmlEscaped())
                                         : tr("With this code: no discount. Nothing was sent."));
        fillDecision(m_simulation, d);
    });
}

} // namespace remise::ui
