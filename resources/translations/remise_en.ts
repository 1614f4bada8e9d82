<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>Application</name>
    <message>
        <source>Remise: server-side discounts for Stripe Checkout.</source>
        <translation>Remise: server-side discounts for Stripe Checkout.</translation>
    </message>
    <message>
        <source>Start the demo: a local sandbox and a demo database.</source>
        <translation>Start the demo: a local sandbox and a demo database.</translation>
    </message>
    <message>
        <source>The database.</source>
        <translation>The database.</translation>
    </message>
    <message>
        <source>Remise</source>
        <translation>Remise</translation>
    </message>
</context>
<context>
    <name>KeyStore</name>
    <message>
        <source>No key</source>
        <translation>No key</translation>
    </message>
    <message>
        <source>Environment variable</source>
        <translation>Environment variable</translation>
    </message>
    <message>
        <source>System keychain</source>
        <translation>System keychain</translation>
    </message>
    <message>
        <source>File readable only by you</source>
        <translation>File readable only by you</translation>
    </message>
    <message>
        <source>Demo key (local sandbox)</source>
        <translation>Demo key (local sandbox)</translation>
    </message>
    <message>
        <source>the keychain is turned off (REMISE_KEYCHAIN=off)</source>
        <translation>the keychain is turned off (REMISE_KEYCHAIN=off)</translation>
    </message>
    <message>
        <source>the keychain refused access</source>
        <translation>the keychain refused access</translation>
    </message>
    <message>
        <source>no Secret Service or KWallet answers on the session bus</source>
        <translation>no Secret Service or KWallet answers on the session bus</translation>
    </message>
    <message>
        <source>system keychain</source>
        <translation>system keychain</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>cannot write %1: %2</translation>
    </message>
</context>
<context>
    <name>Text</name>
    <message>
        <source>Applies.</source>
        <translation>Applies.</translation>
    </message>
    <message>
        <source>The campaign is not active (draft or paused).</source>
        <translation>The campaign is not active (draft or paused).</translation>
    </message>
    <message>
        <source>The campaign starts on %1.</source>
        <translation>The campaign starts on %1.</translation>
    </message>
    <message>
        <source>The campaign has not started yet.</source>
        <translation>The campaign has not started yet.</translation>
    </message>
    <message>
        <source>The campaign ended on %1.</source>
        <translation>The campaign ended on %1.</translation>
    </message>
    <message>
        <source>The campaign has ended.</source>
        <translation>The campaign has ended.</translation>
    </message>
    <message>
        <source>The campaign does not apply to carts in %1.</source>
        <translation>The campaign does not apply to carts in %1.</translation>
    </message>
    <message>
        <source>The cart is below %1.</source>
        <translation>The cart is below %1.</translation>
    </message>
    <message>
        <source>The cart is below the campaign&apos;s minimum.</source>
        <translation>The cart is below the campaign&apos;s minimum.</translation>
    </message>
    <message>
        <source>The customer is in none of the segments %1.</source>
        <translation>The customer is in none of the segments %1.</translation>
    </message>
    <message>
        <source>The customer is in none of the campaign&apos;s segments.</source>
        <translation>The customer is in none of the campaign&apos;s segments.</translation>
    </message>
    <message>
        <source>The customer&apos;s country is not one of %1.</source>
        <translation>The customer&apos;s country is not one of %1.</translation>
    </message>
    <message>
        <source>The customer&apos;s country is not one the campaign covers.</source>
        <translation>The customer&apos;s country is not one the campaign covers.</translation>
    </message>
    <message>
        <source>The campaign needs a code and none was entered.</source>
        <translation>The campaign needs a code and none was entered.</translation>
    </message>
    <message>
        <source>The code entered is not this campaign&apos;s code.</source>
        <translation>The code entered is not this campaign&apos;s code.</translation>
    </message>
    <message>
        <source>The campaign is for first orders and the customer has ordered before.</source>
        <translation>The campaign is for first orders and the customer has ordered before.</translation>
    </message>
    <message>
        <source>The cart holds none of the campaign&apos;s products.</source>
        <translation>The cart holds none of the campaign&apos;s products.</translation>
    </message>
    <message>
        <source>The campaign has been redeemed as often as allowed.</source>
        <translation>The campaign has been redeemed as often as allowed.</translation>
    </message>
    <message>
        <source>The customer has used the campaign as often as allowed, or is unknown.</source>
        <translation>The customer has used the campaign as often as allowed, or is unknown.</translation>
    </message>
    <message>
        <source>The campaign&apos;s remaining budget cannot cover the discount.</source>
        <translation>The campaign&apos;s remaining budget cannot cover the discount.</translation>
    </message>
    <message>
        <source>Eligible, but a larger or higher-priority discount won.</source>
        <translation>Eligible, but a larger or higher-priority discount won.</translation>
    </message>
    <message>
        <source>Applied</source>
        <translation>Applied</translation>
    </message>
    <message>
        <source>Removed</source>
        <translation>Removed</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>Unchanged</translation>
    </message>
    <message>
        <source>Dry run</source>
        <translation>Dry run</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Refused</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Failed</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Complete</source>
        <translation>Complete</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Expired</translation>
    </message>
    <message>
        <source>Command line</source>
        <translation>Command line</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>Stripe webhook</source>
        <translation>Stripe webhook</translation>
    </message>
    <message>
        <source>Desktop app (%1)</source>
        <translation>Desktop app (%1)</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Apply</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>Code entered</source>
        <translation>Code entered</translation>
    </message>
    <message>
        <source>Code removed</source>
        <translation>Code removed</translation>
    </message>
    <message>
        <source>Remove discount</source>
        <translation>Remove discount</translation>
    </message>
    <message>
        <source>Webhook</source>
        <translation>Webhook</translation>
    </message>
</context>
<context>
    <name>remise::ui::ActivityModel</name>
    <message>
        <source>None</source>
        <translation>None</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>Discount</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Who</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Session</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Before</translation>
    </message>
    <message>
        <source>After</source>
        <translation>After</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>Latency</translation>
    </message>
    <message>
        <source>Stripe request</source>
        <translation>Stripe request</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Detail</translation>
    </message>
</context>
<context>
    <name>remise::ui::ActivityPage</name>
    <message>
        <source>Activity</source>
        <translation>Activity</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <source>&amp;Export CSV…</source>
        <translation>&amp;Export CSV…</translation>
    </message>
    <message>
        <source>Save every entry the filter matches as a CSV file</source>
        <translation>Save every entry the filter matches as a CSV file</translation>
    </message>
    <message>
        <source>&amp;Outcome:</source>
        <translation>&amp;Outcome:</translation>
    </message>
    <message>
        <source>Outcome filter</source>
        <translation>Outcome filter</translation>
    </message>
    <message>
        <source>All</source>
        <translation>All</translation>
    </message>
    <message>
        <source>Session id (exact)</source>
        <translation>Session id (exact)</translation>
    </message>
    <message>
        <source>Session filter</source>
        <translation>Session filter</translation>
    </message>
    <message>
        <source>Search the loaded entries (Ctrl+F)</source>
        <translation>Search the loaded entries (Ctrl+F)</translation>
    </message>
    <message>
        <source>Search activity</source>
        <translation>Search activity</translation>
    </message>
    <message>
        <source>Load &amp;older</source>
        <translation>Load &amp;older</translation>
    </message>
    <message>
        <source>Activity log</source>
        <translation>Activity log</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>Cannot read the activity log: %1</source>
        <translation>Cannot read the activity log: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n entries shown, newest first.</source>
        <translation>
            <numerusform>%n entry shown, newest first.</numerusform>
            <numerusform>%n entries shown, newest first.</numerusform>
        </translation>
    </message>
    <message>
        <source>No entry matches the filter.</source>
        <translation>No entry matches the filter.</translation>
    </message>
    <message>
        <source>No entry matches the search.</source>
        <translation>No entry matches the search.</translation>
    </message>
    <message>
        <source>Export activity</source>
        <translation>Export activity</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV files (*.csv)</translation>
    </message>
    <message>
        <source>Exporting the activity log…</source>
        <translation>Exporting the activity log…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n entries.</source>
        <translation>
            <numerusform>Exported %n entry.</numerusform>
            <numerusform>Exported %n entries.</numerusform>
        </translation>
    </message>
    <message>
        <source>An export is already running.</source>
        <translation>An export is already running.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Cannot write %1: %2</translation>
    </message>
    <message>
        <source>Export cancelled.</source>
        <translation>Export cancelled.</translation>
    </message>
    <message numerus="yes">
        <source>Exporting the activity log… %n entries written.</source>
        <translation>
            <numerusform>Exporting the activity log… %n entry written.</numerusform>
            <numerusform>Exporting the activity log… %n entries written.</numerusform>
        </translation>
    </message>
    <message>
        <source>No activity yet.
Every discount update — from the Sessions page, the command line or the service — is recorded here.</source>
        <translation>No activity yet.
Every discount update — from the Sessions page, the command line or the service — is recorded here.</translation>
    </message>
</context>
<context>
    <name>remise::ui::Application</name>
    <message>
        <source>The demo could not start its sandbox: %1</source>
        <translation>The demo could not start its sandbox: %1</translation>
    </message>
    <message>
        <source>The demo database could not be created: %1</source>
        <translation>The demo database could not be created: %1</translation>
    </message>
    <message>
        <source>Local sandbox at %1</source>
        <translation>Local sandbox at %1</translation>
    </message>
    <message>
        <source>A live key was found (%1) but live keys are not allowed: allow them in Settings if you really mean to.</source>
        <translation>A live key was found (%1) but live keys are not allowed: allow them in Settings if you really mean to.</translation>
    </message>
    <message>
        <source>The Stripe key from %1 cannot be used: %2</source>
        <translation>The Stripe key from %1 cannot be used: %2</translation>
    </message>
    <message>
        <source>Cannot open the database %1: %2</source>
        <translation>Cannot open the database %1: %2</translation>
    </message>
    <message>
        <source>Stripe API at %1</source>
        <translation>Stripe API at %1</translation>
    </message>
    <message>
        <source>No Stripe key: add one in Settings</source>
        <translation>No Stripe key: add one in Settings</translation>
    </message>
    <message>
        <source>Stripe key</source>
        <translation>Stripe key</translation>
    </message>
    <message>
        <source>Welcome to Remise</source>
        <translation>Welcome to Remise</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Welcome to Remise&lt;/h3&gt;&lt;p&gt;Remise decides which discount each Stripe Checkout Session should carry, says why, and applies it server-side.&lt;/p&gt;&lt;p&gt;Try the &lt;b&gt;demo&lt;/b&gt; — a local sandbox with sample sessions, campaigns and customers; nothing leaves this computer — or connect your Stripe &lt;b&gt;test&lt;/b&gt; account.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Welcome to Remise&lt;/h3&gt;&lt;p&gt;Remise decides which discount each Stripe Checkout Session should carry, says why, and applies it server-side.&lt;/p&gt;&lt;p&gt;Try the &lt;b&gt;demo&lt;/b&gt; — a local sandbox with sample sessions, campaigns and customers; nothing leaves this computer — or connect your Stripe &lt;b&gt;test&lt;/b&gt; account.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Open the &amp;demo</source>
        <translation>Open the &amp;demo</translation>
    </message>
    <message>
        <source>Or paste a Stripe test secret &amp;key (sk_test_… or rk_test_…):</source>
        <translation>Or paste a Stripe test secret &amp;key (sk_test_… or rk_test_…):</translation>
    </message>
    <message>
        <source>The key is kept in the system keychain.</source>
        <translation>The key is kept in the system keychain.</translation>
    </message>
    <message>
        <source>No system keychain here: the key is kept in %1, readable only by you.</source>
        <translation>No system keychain here: the key is kept in %1, readable only by you.</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>&amp;Connect</translation>
    </message>
    <message>
        <source>&amp;Later</source>
        <translation>&amp;Later</translation>
    </message>
    <message>
        <source>This is a live key. Start with a test key; live keys can be allowed later in Settings.</source>
        <translation>This is a live key. Start with a test key; live keys can be allowed later in Settings.</translation>
    </message>
    <message>
        <source>The configuration is invalid: %1</source>
        <translation>The configuration is invalid: %1</translation>
    </message>
</context>
<context>
    <name>remise::ui::CampaignEditor</name>
    <message>
        <source>Campaign</source>
        <translation>Campaign</translation>
    </message>
    <message>
        <source>Campaign id</source>
        <translation>Campaign id</translation>
    </message>
    <message>
        <source>black-friday-2026</source>
        <translation>black-friday-2026</translation>
    </message>
    <message>
        <source>Lowercase letters, digits, dashes and underscores; it never changes once sessions carry the campaign.</source>
        <translation>Lowercase letters, digits, dashes and underscores; it never changes once sessions carry the campaign.</translation>
    </message>
    <message>
        <source>&amp;Id</source>
        <translation>&amp;Id</translation>
    </message>
    <message>
        <source>Campaign name</source>
        <translation>Campaign name</translation>
    </message>
    <message>
        <source>Customers see this name on the checkout page (40 characters at most).</source>
        <translation>Customers see this name on the checkout page (40 characters at most).</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Draft (never applies)</source>
        <translation>Draft (never applies)</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Paused</translation>
    </message>
    <message>
        <source>Archived (left out of decisions)</source>
        <translation>Archived (left out of decisions)</translation>
    </message>
    <message>
        <source>&amp;Status</source>
        <translation>&amp;Status</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priority</translation>
    </message>
    <message>
        <source>Higher priorities win ties between campaigns.</source>
        <translation>Higher priorities win ties between campaigns.</translation>
    </message>
    <message>
        <source>&amp;Priority</source>
        <translation>&amp;Priority</translation>
    </message>
    <message>
        <source>Stacking</source>
        <translation>Stacking</translation>
    </message>
    <message>
        <source>Exclusive: stands alone</source>
        <translation>Exclusive: stands alone</translation>
    </message>
    <message>
        <source>Stackable: adds up with other stackable campaigns</source>
        <translation>Stackable: adds up with other stackable campaigns</translation>
    </message>
    <message>
        <source>S&amp;tacking</source>
        <translation>S&amp;tacking</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Schedule</translation>
    </message>
    <message>
        <source>Time zone of %1</source>
        <translation>Time zone of %1</translation>
    </message>
    <message>
        <source>Starts</source>
        <translation>Starts</translation>
    </message>
    <message>
        <source>From</source>
        <translation>From</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>Ends</source>
        <translation>Ends</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>Until</translation>
    </message>
    <message>
        <source>End</source>
        <translation>End</translation>
    </message>
    <message>
        <source>Conditions (all must hold)</source>
        <translation>Conditions (all must hold)</translation>
    </message>
    <message>
        <source>Segments</source>
        <translation>Segments</translation>
    </message>
    <message>
        <source>The customer must match one of the checked segments. Check none for everybody.</source>
        <translation>The customer must match one of the checked segments. Check none for everybody.</translation>
    </message>
    <message>
        <source>Se&amp;gments</source>
        <translation>Se&amp;gments</translation>
    </message>
    <message>
        <source>Currencies</source>
        <translation>Currencies</translation>
    </message>
    <message>
        <source>Any currency (or a list such as: eur, usd)</source>
        <translation>Any currency (or a list such as: eur, usd)</translation>
    </message>
    <message>
        <source>C&amp;urrencies</source>
        <translation>C&amp;urrencies</translation>
    </message>
    <message>
        <source>the minimum subtotal</source>
        <translation>the minimum subtotal</translation>
    </message>
    <message>
        <source>Minimum subtotal</source>
        <translation>Minimum subtotal</translation>
    </message>
    <message>
        <source>Countries</source>
        <translation>Countries</translation>
    </message>
    <message>
        <source>Any country (or a list such as: FR, BE)</source>
        <translation>Any country (or a list such as: FR, BE)</translation>
    </message>
    <message>
        <source>C&amp;ountries</source>
        <translation>C&amp;ountries</translation>
    </message>
    <message>
        <source>Codes</source>
        <translation>Codes</translation>
    </message>
    <message>
        <source>No code needed (or codes separated by commas)</source>
        <translation>No code needed (or codes separated by commas)</translation>
    </message>
    <message>
        <source>Co&amp;des</source>
        <translation>Co&amp;des</translation>
    </message>
    <message>
        <source>Only for a customer&apos;s first order</source>
        <translation>Only for a customer&apos;s first order</translation>
    </message>
    <message>
        <source>First order</source>
        <translation>First order</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>Products</translation>
    </message>
    <message>
        <source>Any product (or Stripe product ids: prod_…)</source>
        <translation>Any product (or Stripe product ids: prod_…)</translation>
    </message>
    <message>
        <source>P&amp;roducts</source>
        <translation>P&amp;roducts</translation>
    </message>
    <message>
        <source>Reward</source>
        <translation>Reward</translation>
    </message>
    <message>
        <source>Reward type</source>
        <translation>Reward type</translation>
    </message>
    <message>
        <source>A percentage off</source>
        <translation>A percentage off</translation>
    </message>
    <message>
        <source>An amount off</source>
        <translation>An amount off</translation>
    </message>
    <message>
        <source>Tiers by subtotal</source>
        <translation>Tiers by subtotal</translation>
    </message>
    <message>
        <source>T&amp;ype</source>
        <translation>T&amp;ype</translation>
    </message>
    <message>
        <source>Percentage off</source>
        <translation>Percentage off</translation>
    </message>
    <message>
        <source>Percenta&amp;ge</source>
        <translation>Percenta&amp;ge</translation>
    </message>
    <message>
        <source>the maximum discount</source>
        <translation>the maximum discount</translation>
    </message>
    <message>
        <source>At most</source>
        <translation>At most</translation>
    </message>
    <message>
        <source>the amount off</source>
        <translation>the amount off</translation>
    </message>
    <message>
        <source>Amount off</source>
        <translation>Amount off</translation>
    </message>
    <message>
        <source>Tiers</source>
        <translation>Tiers</translation>
    </message>
    <message>
        <source>Limits</source>
        <translation>Limits</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>No limit</translation>
    </message>
    <message>
        <source>Redemptions in all</source>
        <translation>Redemptions in all</translation>
    </message>
    <message>
        <source>Redemptions per customer</source>
        <translation>Redemptions per customer</translation>
    </message>
    <message>
        <source>Per customer</source>
        <translation>Per customer</translation>
    </message>
    <message>
        <source>the budget</source>
        <translation>the budget</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>Budget</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 (not defined)</source>
        <translation>%1 (not defined)</translation>
    </message>
    <message>
        <source>Lint findings:</source>
        <translation>Lint findings:</translation>
    </message>
</context>
<context>
    <name>remise::ui::CampaignListModel</name>
    <message>
        <source>Published</source>
        <translation>Published</translation>
    </message>
    <message>
        <source>Changed in the draft</source>
        <translation>Changed in the draft</translation>
    </message>
    <message>
        <source>New in the draft</source>
        <translation>New in the draft</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Unsaved changes</translation>
    </message>
    <message>
        <source>Conflicts with the live rules</source>
        <translation>Conflicts with the live rules</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 of %2</translation>
    </message>
    <message>
        <source>No budget</source>
        <translation>No budget</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>Id</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Schedule</translation>
    </message>
    <message>
        <source>Reward</source>
        <translation>Reward</translation>
    </message>
    <message>
        <source>Redemptions</source>
        <translation>Redemptions</translation>
    </message>
    <message>
        <source>Budget used</source>
        <translation>Budget used</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>%1 used, %2 held of %3</source>
        <translation>%1 used, %2 held of %3</translation>
    </message>
    <message>
        <source>No cap</source>
        <translation>No cap</translation>
    </message>
</context>
<context>
    <name>remise::ui::CampaignText</name>
    <message>
        <source>%1 % off</source>
        <translation>%1 % off</translation>
    </message>
    <message>
        <source>%1, at most %2</source>
        <translation>%1, at most %2</translation>
    </message>
    <message>
        <source>%1 off</source>
        <translation>%1 off</translation>
    </message>
    <message numerus="yes">
        <source>%n tier(s) by subtotal</source>
        <translation>
            <numerusform>%n tier by subtotal</numerusform>
            <numerusform>%n tiers by subtotal</numerusform>
        </translation>
    </message>
    <message>
        <source>No reward</source>
        <translation>No reward</translation>
    </message>
    <message>
        <source>Always</source>
        <translation>Always</translation>
    </message>
    <message>
        <source>From %1</source>
        <translation>From %1</translation>
    </message>
    <message>
        <source>Until %1</source>
        <translation>Until %1</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 to %2</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Paused</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>Archived</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Draft</translation>
    </message>
</context>
<context>
    <name>remise::ui::CampaignTimeline</name>
    <message>
        <source>Timeline of campaign schedules</source>
        <translation>Timeline of campaign schedules</translation>
    </message>
    <message>
        <source>Campaigns with a schedule appear here.</source>
        <translation>Campaigns with a schedule appear here.</translation>
    </message>
</context>
<context>
    <name>remise::ui::CampaignsPage</name>
    <message>
        <source>Campaign actions</source>
        <translation>Campaign actions</translation>
    </message>
    <message>
        <source>Filter campaigns (Ctrl+F)</source>
        <translation>Filter campaigns (Ctrl+F)</translation>
    </message>
    <message>
        <source>Filter campaigns</source>
        <translation>Filter campaigns</translation>
    </message>
    <message>
        <source>Campaigns</source>
        <translation>Campaigns</translation>
    </message>
    <message>
        <source>No campaigns yet. Import a remise/1 file or create a campaign; nothing reaches your shop until you publish.</source>
        <translation>No campaigns yet. Import a remise/1 file or create a campaign; nothing reaches your shop until you publish.</translation>
    </message>
    <message>
        <source>Create a campaign</source>
        <translation>Create a campaign</translation>
    </message>
    <message>
        <source>Import a file…</source>
        <translation>Import a file…</translation>
    </message>
    <message>
        <source>Keep my version</source>
        <translation>Keep my version</translation>
    </message>
    <message>
        <source>Use the live version</source>
        <translation>Use the live version</translation>
    </message>
    <message>
        <source>&amp;New campaign</source>
        <translation>&amp;New campaign</translation>
    </message>
    <message>
        <source>&amp;Duplicate</source>
        <translation>&amp;Duplicate</translation>
    </message>
    <message>
        <source>Ctrl+D</source>
        <translation>Ctrl+D</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Pause</translation>
    </message>
    <message>
        <source>&amp;Archive</source>
        <translation>&amp;Archive</translation>
    </message>
    <message>
        <source>&amp;Save to draft</source>
        <translation>&amp;Save to draft</translation>
    </message>
    <message>
        <source>&amp;Revert</source>
        <translation>&amp;Revert</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Import…</translation>
    </message>
    <message>
        <source>Import campaigns</source>
        <translation>Import campaigns</translation>
    </message>
    <message>
        <source>Campaign files (*.json);;All files (*)</source>
        <translation>Campaign files (*.json);;All files (*)</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Export…</translation>
    </message>
    <message>
        <source>Export campaigns</source>
        <translation>Export campaigns</translation>
    </message>
    <message>
        <source>Campaign files (*.json)</source>
        <translation>Campaign files (*.json)</translation>
    </message>
    <message>
        <source>The draft&apos;s campaigns and segments were exported to %1.</source>
        <translation>The draft&apos;s campaigns and segments were exported to %1.</translation>
    </message>
    <message>
        <source>&amp;Publish…</source>
        <translation>&amp;Publish…</translation>
    </message>
    <message>
        <source>Review the draft&apos;s changes and their impact, then make them live.</source>
        <translation>Review the draft&apos;s changes and their impact, then make them live.</translation>
    </message>
    <message>
        <source>Unsaved changes to this campaign were kept from your last session. Save them to the draft or revert them.</source>
        <translation>Unsaved changes to this campaign were kept from your last session. Save them to the draft or revert them.</translation>
    </message>
    <message>
        <source>Keep your version to publish it over the live one, or use the live version and lose your edit.</source>
        <translation>Keep your version to publish it over the live one, or use the live version and lose your edit.</translation>
    </message>
    <message>
        <source>The campaign was not saved: %1</source>
        <translation>The campaign was not saved: %1</translation>
    </message>
    <message>
        <source>%1 (copy)</source>
        <translation>%1 (copy)</translation>
    </message>
    <message>
        <source>Nothing was imported from %1:</source>
        <translation>Nothing was imported from %1:</translation>
    </message>
    <message numerus="yes">
        <source>Imported %1 into the draft: %n campaign(s). Review and publish them to make them live.</source>
        <translation>
            <numerusform>Imported %1 into the draft: %n campaign. Review and publish them to make them live.</numerusform>
            <numerusform>Imported %1 into the draft: %n campaigns. Review and publish them to make them live.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Cannot write %1: %2</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>&amp;Resume</translation>
    </message>
</context>
<context>
    <name>remise::ui::CurrencyAmountsEdit</name>
    <message>
        <source>Add a currency</source>
        <translation>Add a currency</translation>
    </message>
    <message>
        <source>Add a currency to %1</source>
        <translation>Add a currency to %1</translation>
    </message>
    <message>
        <source>Currency of %1</source>
        <translation>Currency of %1</translation>
    </message>
    <message>
        <source>A lowercase ISO 4217 code, such as eur or usd.</source>
        <translation>A lowercase ISO 4217 code, such as eur or usd.</translation>
    </message>
    <message>
        <source>Amount of %1</source>
        <translation>Amount of %1</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Remove this currency from %1</source>
        <translation>Remove this currency from %1</translation>
    </message>
</context>
<context>
    <name>remise::ui::CustomerListModel</name>
    <message>
        <source>Email</source>
        <translation>Email</translation>
    </message>
    <message>
        <source>Stripe customer</source>
        <translation>Stripe customer</translation>
    </message>
    <message>
        <source>Loyalty tier</source>
        <translation>Loyalty tier</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>Orders</translation>
    </message>
    <message>
        <source>Lifetime spend</source>
        <translation>Lifetime spend</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>Metadata</source>
        <translation>Metadata</translation>
    </message>
</context>
<context>
    <name>remise::ui::CustomersPage</name>
    <message>
        <source>Customer actions</source>
        <translation>Customer actions</translation>
    </message>
    <message>
        <source>Filter customers by email, id, tier or tag (Ctrl+F)</source>
        <translation>Filter customers by email, id, tier or tag (Ctrl+F)</translation>
    </message>
    <message>
        <source>Filter customers</source>
        <translation>Filter customers</translation>
    </message>
    <message>
        <source>Customer profiles</source>
        <translation>Customer profiles</translation>
    </message>
    <message>
        <source>No customer profiles yet. Import a CSV or JSON file of your customers so segments can use their loyalty tier, orders and spend.</source>
        <translation>No customer profiles yet. Import a CSV or JSON file of your customers so segments can use their loyalty tier, orders and spend.</translation>
    </message>
    <message>
        <source>Import a file…</source>
        <translation>Import a file…</translation>
    </message>
    <message>
        <source>Import customer profiles</source>
        <translation>Import customer profiles</translation>
    </message>
    <message>
        <source>Customer files (*.csv *.json);;All files (*)</source>
        <translation>Customer files (*.csv *.json);;All files (*)</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Import…</translation>
    </message>
    <message>
        <source>&amp;Preview an import…</source>
        <translation>&amp;Preview an import…</translation>
    </message>
    <message>
        <source>Shows what an import would create and change, writing nothing.</source>
        <translation>Shows what an import would create and change, writing nothing.</translation>
    </message>
    <message>
        <source>Replace whole profiles</source>
        <translation>Replace whole profiles</translation>
    </message>
    <message>
        <source>Off: a file sets only the fields it has and the others keep their values. On: fields the file leaves out are cleared.</source>
        <translation>Off: a file sets only the fields it has and the others keep their values. On: fields the file leaves out are cleared.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>Cannot read %1: %2</translation>
    </message>
    <message numerus="yes">
        <source>Importing %n customer profile(s)…</source>
        <translation>
            <numerusform>Importing %n customer profile…</numerusform>
            <numerusform>Importing %n customer profiles…</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing was imported from %1:</source>
        <translation>Nothing was imported from %1:</translation>
    </message>
    <message>
        <source>%1 created, %2 changed, %3 unchanged.</source>
        <translation>%1 created, %2 changed, %3 unchanged.</translation>
    </message>
    <message numerus="yes">
        <source>Importing %1 would read %n profile(s): nothing was written.</source>
        <translation>
            <numerusform>Importing %1 would read %n profile: nothing was written.</numerusform>
            <numerusform>Importing %1 would read %n profiles: nothing was written.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %n profile(s) from %1.</source>
        <translation>
            <numerusform>Imported %n profile from %1.</numerusform>
            <numerusform>Imported %n profiles from %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>remise::ui::DecisionModel</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Applied</source>
        <translation>Applied</translation>
    </message>
    <message>
        <source>Eligible, not applied</source>
        <translation>Eligible, not applied</translation>
    </message>
    <message>
        <source>Not eligible</source>
        <translation>Not eligible</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>Campaign</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Why</translation>
    </message>
</context>
<context>
    <name>remise::ui::DraftItemPage</name>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Undo</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Redo</translation>
    </message>
    <message>
        <source>Ctrl+Shift+Z</source>
        <translation>Ctrl+Shift+Z</translation>
    </message>
    <message>
        <source>The live rules were changed outside this window. The list now shows them with your draft on top.</source>
        <translation>The live rules were changed outside this window. The list now shows them with your draft on top.</translation>
    </message>
    <message>
        <source>edit of %1</source>
        <translation>edit of %1</translation>
    </message>
    <message>
        <source>The draft is now live.</source>
        <translation>The draft is now live.</translation>
    </message>
</context>
<context>
    <name>remise::ui::ImpactRunner</name>
    <message>
        <source>Reading the open test sessions from Stripe…</source>
        <translation>Reading the open test sessions from Stripe…</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Cancelled.</translation>
    </message>
    <message>
        <source>The open sessions could not be read: %1</source>
        <translation>The open sessions could not be read: %1</translation>
    </message>
    <message>
        <source>Reading the last completed sessions from Stripe…</source>
        <translation>Reading the last completed sessions from Stripe…</translation>
    </message>
    <message>
        <source>The completed sessions could not be read: %1</source>
        <translation>The completed sessions could not be read: %1</translation>
    </message>
    <message numerus="yes">
        <source>Deciding %n session(s) with the live rules and with the draft…</source>
        <translation>
            <numerusform>Deciding %n session with the live rules and with the draft…</numerusform>
            <numerusform>Deciding %n sessions with the live rules and with the draft…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>remise::ui::MainWindow</name>
    <message>
        <source>Overview</source>
        <translation>Overview</translation>
    </message>
    <message>
        <source>Campaigns</source>
        <translation>Campaigns</translation>
    </message>
    <message>
        <source>Segments</source>
        <translation>Segments</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>Customers</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>Sessions</translation>
    </message>
    <message>
        <source>Simulator</source>
        <translation>Simulator</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Activity</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Pages</translation>
    </message>
    <message>
        <source>Mode: %1</source>
        <translation>Mode: %1</translation>
    </message>
    <message>
        <source>Remise</source>
        <translation>Remise</translation>
    </message>
    <message>
        <source>Remise — DEMO</source>
        <translation>Remise — DEMO</translation>
    </message>
    <message>
        <source>Remise — LIVE</source>
        <translation>Remise — LIVE</translation>
    </message>
    <message>
        <source>DEMO</source>
        <translation>DEMO</translation>
    </message>
    <message>
        <source>TEST MODE</source>
        <translation>TEST MODE</translation>
    </message>
    <message>
        <source>LIVE</source>
        <translation>LIVE</translation>
    </message>
    <message>
        <source>NOT CONNECTED</source>
        <translation>NOT CONNECTED</translation>
    </message>
    <message>
        <source>%1 (Ctrl+%2)</source>
        <translation>%1 (Ctrl+%2)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>&amp;Export activity as CSV…</source>
        <translation>&amp;Export activity as CSV…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>&amp;Find</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Go</translation>
    </message>
    <message>
        <source>Page &amp;list</source>
        <translation>Page &amp;list</translation>
    </message>
    <message>
        <source>&amp;Session</source>
        <translation>&amp;Session</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>&amp;About Remise</source>
        <translation>&amp;About Remise</translation>
    </message>
    <message>
        <source>About Remise</source>
        <translation>About Remise</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Remise %1&lt;/h3&gt;&lt;p&gt;Server-side dynamic discounts for Stripe Checkout.&lt;/p&gt;&lt;p&gt;The app, the command line and the service decide with the same engine and update sessions through the same workflow.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Remise %1&lt;/h3&gt;&lt;p&gt;Server-side dynamic discounts for Stripe Checkout.&lt;/p&gt;&lt;p&gt;The app, the command line and the service decide with the same engine and update sessions through the same workflow.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>About &amp;Qt</translation>
    </message>
</context>
<context>
    <name>remise::ui::OverviewPage</name>
    <message>
        <source>Overview</source>
        <translation>Overview</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <source>Campaigns running and scheduled</source>
        <translation>Campaigns running and scheduled</translation>
    </message>
    <message>
        <source>Active and scheduled campaigns</source>
        <translation>Active and scheduled campaigns</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>Campaign</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>From</source>
        <translation>From</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>Until</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>Today&apos;s failures</source>
        <translation>Today&apos;s failures</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Session</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Why</translation>
    </message>
    <message>
        <source>Budget and caps</source>
        <translation>Budget and caps</translation>
    </message>
    <message>
        <source>No campaign has a budget or a redemption cap.</source>
        <translation>No campaign has a budget or a redemption cap.</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Paused</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Running</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>Scheduled</translation>
    </message>
    <message>
        <source>Always</source>
        <translation>Always</translation>
    </message>
    <message>
        <source>No end</source>
        <translation>No end</translation>
    </message>
    <message>
        <source>%1 · redemptions</source>
        <translation>%1 · redemptions</translation>
    </message>
    <message>
        <source>%1 · budget in %2</source>
        <translation>%1 · budget in %2</translation>
    </message>
    <message>
        <source>No campaign is running or scheduled.</source>
        <translation>No campaign is running or scheduled.</translation>
    </message>
    <message>
        <source>Cannot read the activity log: %1</source>
        <translation>Cannot read the activity log: %1</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%n update(s)&lt;/b&gt; today</source>
        <translation>
            <numerusform>&lt;b&gt;%n update&lt;/b&gt; today</numerusform>
            <numerusform>&lt;b&gt;%n updates&lt;/b&gt; today</numerusform>
        </translation>
    </message>
    <message>
        <source>No failure today.</source>
        <translation>No failure today.</translation>
    </message>
    <message>
        <source>Applied %1 · Removed %2 · Unchanged %3 · Refused %4 · Failed %5</source>
        <translation>Applied %1 · Removed %2 · Unchanged %3 · Refused %4 · Failed %5</translation>
    </message>
    <message>
        <source>Cannot read the use of budgets and caps: %1</source>
        <translation>Cannot read the use of budgets and caps: %1</translation>
    </message>
    <message>
        <source>%1 used, %2 held, %3 pending, %4 left of %5</source>
        <translation>%1 used, %2 held, %3 pending, %4 left of %5</translation>
    </message>
    <message>
        <source>%1 used, %2 held, %3 left of %4</source>
        <translation>%1 used, %2 held, %3 left of %4</translation>
    </message>
</context>
<context>
    <name>remise::ui::PublishDialog</name>
    <message>
        <source>(not set)</source>
        <translation>(not set)</translation>
    </message>
    <message>
        <source>Publish the draft</source>
        <translation>Publish the draft</translation>
    </message>
    <message>
        <source>Changes against the live rules</source>
        <translation>Changes against the live rules</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>Live</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>Impact on open test sessions</source>
        <translation>Impact on open test sessions</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Session</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>Subtotal</source>
        <translation>Subtotal</translation>
    </message>
    <message>
        <source>Discount now</source>
        <translation>Discount now</translation>
    </message>
    <message>
        <source>Live rules</source>
        <translation>Live rules</translation>
    </message>
    <message>
        <source>Backtest over the last completed sessions</source>
        <translation>Backtest over the last completed sessions</translation>
    </message>
    <message>
        <source>Sessions that would have had a discount</source>
        <translation>Sessions that would have had a discount</translation>
    </message>
    <message>
        <source>Total cost of the discounts</source>
        <translation>Total cost of the discounts</translation>
    </message>
    <message>
        <source>&amp;Publish</source>
        <translation>&amp;Publish</translation>
    </message>
    <message>
        <source>The draft has problems to fix first:</source>
        <translation>The draft has problems to fix first:</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot;</source>
        <translation>Campaign &quot;%1&quot;</translation>
    </message>
    <message>
        <source>Segment &quot;%1&quot;</source>
        <translation>Segment &quot;%1&quot;</translation>
    </message>
    <message>
        <source>%1 is added</source>
        <translation>%1 is added</translation>
    </message>
    <message>
        <source>%1 is removed</source>
        <translation>%1 is removed</translation>
    </message>
    <message>
        <source>%1 changes</source>
        <translation>%1 changes</translation>
    </message>
    <message>
        <source>The draft holds no change to publish.</source>
        <translation>The draft holds no change to publish.</translation>
    </message>
    <message numerus="yes">
        <source>Publishing makes %n change(s) live at once, in one transaction.</source>
        <translation>
            <numerusform>Publishing makes %n change live at once, in one transaction.</numerusform>
            <numerusform>Publishing makes %n changes live at once, in one transaction.</numerusform>
        </translation>
    </message>
    <message>
        <source>The impact is computed once the draft has no problems.</source>
        <translation>The impact is computed once the draft has no problems.</translation>
    </message>
    <message>
        <source>Connect a Stripe test key (or start the demo) to see the impact on open sessions.</source>
        <translation>Connect a Stripe test key (or start the demo) to see the impact on open sessions.</translation>
    </message>
    <message>
        <source>Other campaigns</source>
        <translation>Other campaigns</translation>
    </message>
    <message>
        <source>None</source>
        <translation>None</translation>
    </message>
    <message>
        <source>%1 more</source>
        <translation>%1 more</translation>
    </message>
    <message>
        <source>%1 less</source>
        <translation>%1 less</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n open test session(s) would change discount.</source>
        <translation>
            <numerusform>%1 of %n open test session would change discount.</numerusform>
            <numerusform>%1 of %n open test sessions would change discount.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n session(s) could not be decided.</source>
        <translation>
            <numerusform>%n session could not be decided.</numerusform>
            <numerusform>%n sessions could not be decided.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 of %2</translation>
    </message>
    <message>
        <source>Nothing was published: %1</source>
        <translation>Nothing was published: %1</translation>
    </message>
</context>
<context>
    <name>remise::ui::RulesEdit</name>
    <message>
        <source>is</source>
        <translation>is</translation>
    </message>
    <message>
        <source>is not</source>
        <translation>is not</translation>
    </message>
    <message>
        <source>is one of</source>
        <translation>is one of</translation>
    </message>
    <message>
        <source>is none of</source>
        <translation>is none of</translation>
    </message>
    <message>
        <source>is more than</source>
        <translation>is more than</translation>
    </message>
    <message>
        <source>is at least</source>
        <translation>is at least</translation>
    </message>
    <message>
        <source>is less than</source>
        <translation>is less than</translation>
    </message>
    <message>
        <source>is at most</source>
        <translation>is at most</translation>
    </message>
    <message>
        <source>starts with</source>
        <translation>starts with</translation>
    </message>
    <message>
        <source>ends with</source>
        <translation>ends with</translation>
    </message>
    <message>
        <source>contains</source>
        <translation>contains</translation>
    </message>
    <message>
        <source>is set</source>
        <translation>is set</translation>
    </message>
    <message>
        <source>is not set</source>
        <translation>is not set</translation>
    </message>
    <message>
        <source>Rules</source>
        <translation>Rules</translation>
    </message>
    <message>
        <source>Add a rule</source>
        <translation>Add a rule</translation>
    </message>
    <message>
        <source>Customer field</source>
        <translation>Customer field</translation>
    </message>
    <message>
        <source>What the rule looks at; metadata.&lt;key&gt; for a metadata value.</source>
        <translation>What the rule looks at; metadata.&lt;key&gt; for a metadata value.</translation>
    </message>
    <message>
        <source>Comparison</source>
        <translation>Comparison</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>A value; for &quot;is one of&quot;, values separated by commas</source>
        <translation>A value; for &quot;is one of&quot;, values separated by commas</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Remove this rule</source>
        <translation>Remove this rule</translation>
    </message>
</context>
<context>
    <name>remise::ui::SegmentListModel</name>
    <message>
        <source>Any rule</source>
        <translation>Any rule</translation>
    </message>
    <message>
        <source>All rules</source>
        <translation>All rules</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Unknown</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>Id</translation>
    </message>
    <message>
        <source>Match</source>
        <translation>Match</translation>
    </message>
    <message>
        <source>Rules</source>
        <translation>Rules</translation>
    </message>
    <message>
        <source>Local customers</source>
        <translation>Local customers</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Draft</translation>
    </message>
</context>
<context>
    <name>remise::ui::SegmentsPage</name>
    <message>
        <source>Segment actions</source>
        <translation>Segment actions</translation>
    </message>
    <message>
        <source>Filter segments (Ctrl+F)</source>
        <translation>Filter segments (Ctrl+F)</translation>
    </message>
    <message>
        <source>Filter segments</source>
        <translation>Filter segments</translation>
    </message>
    <message>
        <source>Segments</source>
        <translation>Segments</translation>
    </message>
    <message>
        <source>No segments yet. Create one to target customers by loyalty tier, spend, country, tags or metadata.</source>
        <translation>No segments yet. Create one to target customers by loyalty tier, spend, country, tags or metadata.</translation>
    </message>
    <message>
        <source>Segment id</source>
        <translation>Segment id</translation>
    </message>
    <message>
        <source>&amp;Id</source>
        <translation>&amp;Id</translation>
    </message>
    <message>
        <source>Segment name</source>
        <translation>Segment name</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <source>How the rules combine</source>
        <translation>How the rules combine</translation>
    </message>
    <message>
        <source>Every rule must hold</source>
        <translation>Every rule must hold</translation>
    </message>
    <message>
        <source>One rule is enough</source>
        <translation>One rule is enough</translation>
    </message>
    <message>
        <source>&amp;Match</source>
        <translation>&amp;Match</translation>
    </message>
    <message>
        <source>Rules</source>
        <translation>Rules</translation>
    </message>
    <message>
        <source>Currency of lifetime spend</source>
        <translation>Currency of lifetime spend</translation>
    </message>
    <message>
        <source>Spend counted in</source>
        <translation>Spend counted in</translation>
    </message>
    <message>
        <source>Local customers</source>
        <translation>Local customers</translation>
    </message>
    <message>
        <source>Customer to test</source>
        <translation>Customer to test</translation>
    </message>
    <message>
        <source>Test a customer</source>
        <translation>Test a customer</translation>
    </message>
    <message>
        <source>&amp;New segment</source>
        <translation>&amp;New segment</translation>
    </message>
    <message>
        <source>&amp;Save to draft</source>
        <translation>&amp;Save to draft</translation>
    </message>
    <message>
        <source>&amp;Revert</source>
        <translation>&amp;Revert</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Delete</translation>
    </message>
    <message>
        <source>&amp;Publish…</source>
        <translation>&amp;Publish…</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>Published</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Unsaved changes</translation>
    </message>
    <message>
        <source>New in the draft</source>
        <translation>New in the draft</translation>
    </message>
    <message>
        <source>Changed in the draft</source>
        <translation>Changed in the draft</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n local customer(s) match.</source>
        <translation>
            <numerusform>%1 of %n local customer matches.</numerusform>
            <numerusform>%1 of %n local customers match.</numerusform>
        </translation>
    </message>
    <message>
        <source>Fix the rules to count the customers who match.</source>
        <translation>Fix the rules to count the customers who match.</translation>
    </message>
    <message>
        <source>Import customers on the Customers page to test them here.</source>
        <translation>Import customers on the Customers page to test them here.</translation>
    </message>
    <message>
        <source>Fix the rules to test %1.</source>
        <translation>Fix the rules to test %1.</translation>
    </message>
    <message>
        <source>%1 matches this segment.</source>
        <translation>%1 matches this segment.</translation>
    </message>
    <message>
        <source>%1 does not match this segment.</source>
        <translation>%1 does not match this segment.</translation>
    </message>
    <message>
        <source>The segment was not saved: %1</source>
        <translation>The segment was not saved: %1</translation>
    </message>
    <message>
        <source>The segment is deleted in the draft; publish to delete it for good.</source>
        <translation>The segment is deleted in the draft; publish to delete it for good.</translation>
    </message>
</context>
<context>
    <name>remise::ui::SessionDetail</name>
    <message>
        <source>&amp;Apply now</source>
        <translation>&amp;Apply now</translation>
    </message>
    <message>
        <source>Decide again and update the session&apos;s discount in Stripe (%1)</source>
        <translation>Decide again and update the session&apos;s discount in Stripe (%1)</translation>
    </message>
    <message>
        <source>&amp;Remove discount</source>
        <translation>&amp;Remove discount</translation>
    </message>
    <message>
        <source>Remove any discount from the session, whatever the rules say</source>
        <translation>Remove any discount from the session, whatever the rules say</translation>
    </message>
    <message>
        <source>&amp;Simulate with a code…</source>
        <translation>&amp;Simulate with a code…</translation>
    </message>
    <message>
        <source>See what the session would get with a code; nothing is sent</source>
        <translation>See what the session would get with a code; nothing is sent</translation>
    </message>
    <message>
        <source>Remove discount</source>
        <translation>Remove discount</translation>
    </message>
    <message>
        <source>Remove the discount from %1? The customer sees the new total at once.</source>
        <translation>Remove the discount from %1? The customer sees the new total at once.</translation>
    </message>
    <message>
        <source>Simulate with a code</source>
        <translation>Simulate with a code</translation>
    </message>
    <message>
        <source>Code the customer would enter (nothing is sent to Stripe):</source>
        <translation>Code the customer would enter (nothing is sent to Stripe):</translation>
    </message>
    <message>
        <source>Select a session to see its cart, its customer and why each campaign does or does not apply.</source>
        <translation>Select a session to see its cart, its customer and why each campaign does or does not apply.</translation>
    </message>
    <message>
        <source>Cart</source>
        <translation>Cart</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>Unit price</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>Line items</source>
        <translation>Line items</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>Current discount</source>
        <translation>Current discount</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Decision</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>Campaign</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Why</translation>
    </message>
    <message>
        <source>Campaigns and their reasons</source>
        <translation>Campaigns and their reasons</translation>
    </message>
    <message>
        <source>Simulation</source>
        <translation>Simulation</translation>
    </message>
    <message>
        <source>History</source>
        <translation>History</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Who</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Before</translation>
    </message>
    <message>
        <source>After</source>
        <translation>After</translation>
    </message>
    <message>
        <source>Activity of this session</source>
        <translation>Activity of this session</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>Cannot decide for this session.</source>
        <translation>Cannot decide for this session.</translation>
    </message>
    <message>
        <source>created %1</source>
        <translation>created %1</translation>
    </message>
    <message>
        <source>expires %1</source>
        <translation>expires %1</translation>
    </message>
    <message>
        <source>Subtotal %1 · Discount %2 · &lt;b&gt;Total %3&lt;/b&gt;</source>
        <translation>Subtotal %1 · Discount %2 · &lt;b&gt;Total %3&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Guest (no email yet)</source>
        <translation>Guest (no email yet)</translation>
    </message>
    <message>
        <source>Stripe customer %1</source>
        <translation>Stripe customer %1</translation>
    </message>
    <message numerus="yes">
        <source>Local profile: %n order(s)</source>
        <translation>
            <numerusform>Local profile: %n order</numerusform>
            <numerusform>Local profile: %n orders</numerusform>
        </translation>
    </message>
    <message>
        <source>loyalty tier %1</source>
        <translation>loyalty tier %1</translation>
    </message>
    <message>
        <source>No local profile</source>
        <translation>No local profile</translation>
    </message>
    <message>
        <source>Ships to %1</source>
        <translation>Ships to %1</translation>
    </message>
    <message>
        <source>Billing: %1</source>
        <translation>Billing: %1</translation>
    </message>
    <message>
        <source>No address yet</source>
        <translation>No address yet</translation>
    </message>
    <message>
        <source>No discount.</source>
        <translation>No discount.</translation>
    </message>
    <message>
        <source>A discount</source>
        <translation>A discount</translation>
    </message>
    <message>
        <source>Set outside Remise (coupon %1).</source>
        <translation>Set outside Remise (coupon %1).</translation>
    </message>
    <message>
        <source>Set by Remise (decision %1).</source>
        <translation>Set by Remise (decision %1).</translation>
    </message>
    <message>
        <source>Set by %1 on %2.</source>
        <translation>Set by %1 on %2.</translation>
    </message>
    <message>
        <source>Remise decides %1 off (“%2”).</source>
        <translation>Remise decides %1 off (“%2”).</translation>
    </message>
    <message>
        <source>No campaign applies: Remise decides no discount.</source>
        <translation>No campaign applies: Remise decides no discount.</translation>
    </message>
    <message>
        <source>The session already carries it; Apply now sends nothing.</source>
        <translation>The session already carries it; Apply now sends nothing.</translation>
    </message>
    <message>
        <source>Apply now would change the session&apos;s discount.</source>
        <translation>Apply now would change the session&apos;s discount.</translation>
    </message>
    <message>
        <source>Applies</source>
        <translation>Applies</translation>
    </message>
    <message>
        <source>Eligible</source>
        <translation>Eligible</translation>
    </message>
    <message>
        <source>Does not apply</source>
        <translation>Does not apply</translation>
    </message>
    <message>
        <source>applied</source>
        <translation>applied</translation>
    </message>
    <message>
        <source>No update yet.</source>
        <translation>No update yet.</translation>
    </message>
    <message>
        <source>Updating the session in Stripe…</source>
        <translation>Updating the session in Stripe…</translation>
    </message>
    <message>
        <source>Not updated: %1</source>
        <translation>Not updated: %1</translation>
    </message>
    <message>
        <source>Applied %1 off. Stripe request %2, %3 ms.</source>
        <translation>Applied %1 off. Stripe request %2, %3 ms.</translation>
    </message>
    <message>
        <source>Discount removed. Stripe request %1.</source>
        <translation>Discount removed. Stripe request %1.</translation>
    </message>
    <message>
        <source>Unchanged: the session already carries the right discount.</source>
        <translation>Unchanged: the session already carries the right discount.</translation>
    </message>
    <message>
        <source>Simulation with the code “%1”</source>
        <translation>Simulation with the code “%1”</translation>
    </message>
    <message>
        <source>Deciding…</source>
        <translation>Deciding…</translation>
    </message>
    <message>
        <source>With this code: %1 off (“%2”). Nothing was sent.</source>
        <translation>With this code: %1 off (“%2”). Nothing was sent.</translation>
    </message>
    <message>
        <source>With this code: no discount. Nothing was sent.</source>
        <translation>With this code: no discount. Nothing was sent.</translation>
    </message>
</context>
<context>
    <name>remise::ui::SessionsModel</name>
    <message>
        <source>Guest</source>
        <translation>Guest</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Session</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Created</translation>
    </message>
    <message>
        <source>Subtotal</source>
        <translation>Subtotal</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>Discount</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
</context>
<context>
    <name>remise::ui::SessionsPage</name>
    <message>
        <source>Sessions</source>
        <translation>Sessions</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <source>Read every session from Stripe again (%1)</source>
        <translation>Read every session from Stripe again (%1)</translation>
    </message>
    <message>
        <source>S&amp;tatus:</source>
        <translation>S&amp;tatus:</translation>
    </message>
    <message>
        <source>Status filter</source>
        <translation>Status filter</translation>
    </message>
    <message>
        <source>All</source>
        <translation>All</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Complete</source>
        <translation>Complete</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Expired</translation>
    </message>
    <message>
        <source>Search by email or session id (Ctrl+F)</source>
        <translation>Search by email or session id (Ctrl+F)</translation>
    </message>
    <message>
        <source>Search sessions</source>
        <translation>Search sessions</translation>
    </message>
    <message>
        <source>&amp;Auto-refresh</source>
        <translation>&amp;Auto-refresh</translation>
    </message>
    <message>
        <source>Re-read the newest sessions regularly, within Stripe&apos;s rate limits</source>
        <translation>Re-read the newest sessions regularly, within Stripe&apos;s rate limits</translation>
    </message>
    <message>
        <source>Loading sessions</source>
        <translation>Loading sessions</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Checkout Sessions</source>
        <translation>Checkout Sessions</translation>
    </message>
    <message>
        <source>Reading sessions from Stripe…</source>
        <translation>Reading sessions from Stripe…</translation>
    </message>
    <message>
        <source>No session matches the filter.</source>
        <translation>No session matches the filter.</translation>
    </message>
    <message numerus="yes">
        <source>Stopped: %n session(s) shown.</source>
        <translation>
            <numerusform>Stopped: %n session shown.</numerusform>
            <numerusform>Stopped: %n sessions shown.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reading sessions from Stripe… %n read</source>
        <translation>
            <numerusform>Reading sessions from Stripe… %n read</numerusform>
            <numerusform>Reading sessions from Stripe… %n read</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Stripe is limiting requests (429). Waiting %n second(s) before the next refresh.</source>
        <translation>
            <numerusform>Stripe is limiting requests (429). Waiting %n second before the next refresh.</numerusform>
            <numerusform>Stripe is limiting requests (429). Waiting %n seconds before the next refresh.</numerusform>
        </translation>
    </message>
    <message>
        <source>Rate limited by Stripe</source>
        <translation>Rate limited by Stripe</translation>
    </message>
    <message>
        <source>Could not read sessions: %1</source>
        <translation>Could not read sessions: %1</translation>
    </message>
    <message>
        <source>Stripe unreachable</source>
        <translation>Stripe unreachable</translation>
    </message>
    <message numerus="yes">
        <source>%n session(s), updated at %1.</source>
        <translation>
            <numerusform>%n session, updated at %1.</numerusform>
            <numerusform>%n sessions, updated at %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Connected</translation>
    </message>
    <message>
        <source>Not connected to Stripe.
Add a Stripe test key in Settings, or start the demo (remise --demo).</source>
        <translation>Not connected to Stripe.
Add a Stripe test key in Settings, or start the demo (remise --demo).</translation>
    </message>
    <message>
        <source>No Checkout Sessions yet.
Sessions your storefront creates appear here.</source>
        <translation>No Checkout Sessions yet.
Sessions your storefront creates appear here.</translation>
    </message>
</context>
<context>
    <name>remise::ui::SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Save and &amp;reconnect</source>
        <translation>Save and &amp;reconnect</translation>
    </message>
    <message>
        <source>&lt;b&gt;Demo.&lt;/b&gt; The app runs on its own local sandbox and a demo database; nothing here reaches Stripe. Settings you save apply when you start Remise without --demo.</source>
        <translation>&lt;b&gt;Demo.&lt;/b&gt; The app runs on its own local sandbox and a demo database; nothing here reaches Stripe. Settings you save apply when you start Remise without --demo.</translation>
    </message>
    <message>
        <source>Stripe secret key</source>
        <translation>Stripe secret key</translation>
    </message>
    <message>
        <source>In use:</source>
        <translation>In use:</translation>
    </message>
    <message>
        <source>Stored in:</source>
        <translation>Stored in:</translation>
    </message>
    <message>
        <source>New Stripe secret key</source>
        <translation>New Stripe secret key</translation>
    </message>
    <message>
        <source>&amp;Save key</source>
        <translation>&amp;Save key</translation>
    </message>
    <message>
        <source>&amp;Forget key</source>
        <translation>&amp;Forget key</translation>
    </message>
    <message>
        <source>New &amp;key:</source>
        <translation>New &amp;key:</translation>
    </message>
    <message>
        <source>Allow &amp;live keys (sk_live_…): updates then change real customers&apos; checkouts</source>
        <translation>Allow &amp;live keys (sk_live_…): updates then change real customers&apos; checkouts</translation>
    </message>
    <message>
        <source>Key removed from the keychain and the key file.</source>
        <translation>Key removed from the keychain and the key file.</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Connection</translation>
    </message>
    <message>
        <source>Stripe &amp;API base:</source>
        <translation>Stripe &amp;API base:</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Browse…</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Database</translation>
    </message>
    <message>
        <source>SQLite databases (*.db)</source>
        <translation>SQLite databases (*.db)</translation>
    </message>
    <message>
        <source>&amp;Database:</source>
        <translation>&amp;Database:</translation>
    </message>
    <message>
        <source>&amp;Service address:</source>
        <translation>&amp;Service address:</translation>
    </message>
    <message>
        <source>Where remise-server serve listens for your storefront. The app and the service share the database and decide the same way.</source>
        <translation>Where remise-server serve listens for your storefront. The app and the service share the database and decide the same way.</translation>
    </message>
    <message>
        <source>Allow live keys</source>
        <translation>Allow live keys</translation>
    </message>
    <message>
        <source>With a live key, Apply now and Remove discount change what real customers pay. Allow live keys?</source>
        <translation>With a live key, Apply now and Remove discount change what real customers pay. Allow live keys?</translation>
    </message>
    <message>
        <source>The demo key of the local sandbox (%1).</source>
        <translation>The demo key of the local sandbox (%1).</translation>
    </message>
    <message>
        <source>%1 — %2, %3.</source>
        <translation>%1 — %2, %3.</translation>
    </message>
    <message>
        <source>LIVE mode</source>
        <translation>LIVE mode</translation>
    </message>
    <message>
        <source>test mode</source>
        <translation>test mode</translation>
    </message>
    <message>
        <source>Set by %1, which wins over a saved key.</source>
        <translation>Set by %1, which wins over a saved key.</translation>
    </message>
    <message>
        <source>Unusable key (%1): %2</source>
        <translation>Unusable key (%1): %2</translation>
    </message>
    <message>
        <source>No key yet.</source>
        <translation>No key yet.</translation>
    </message>
    <message>
        <source>The system keychain. A key you save goes there, never into the database or a settings file.</source>
        <translation>The system keychain. A key you save goes there, never into the database or a settings file.</translation>
    </message>
    <message>
        <source>&lt;b&gt;No system keychain is available here&lt;/b&gt; (%1). A key you save is kept instead in &lt;tt&gt;%2&lt;/tt&gt;, a file only you can read (mode 0600); or set REMISE_STRIPE_SECRET_KEY in the environment. It never goes into the database or a settings file.</source>
        <translation>&lt;b&gt;No system keychain is available here&lt;/b&gt; (%1). A key you save is kept instead in &lt;tt&gt;%2&lt;/tt&gt;, a file only you can read (mode 0600); or set REMISE_STRIPE_SECRET_KEY in the environment. It never goes into the database or a settings file.</translation>
    </message>
    <message>
        <source>This is a live key. Tick “Allow live keys” first if you really mean to change real customers&apos; checkouts.</source>
        <translation>This is a live key. Tick “Allow live keys” first if you really mean to change real customers&apos; checkouts.</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Not saved: %1</translation>
    </message>
    <message>
        <source>Saved in the system keychain.</source>
        <translation>Saved in the system keychain.</translation>
    </message>
    <message>
        <source>No keychain here: saved in %1, readable only by you.</source>
        <translation>No keychain here: saved in %1, readable only by you.</translation>
    </message>
    <message>
        <source>The API base must be an http(s) URL.</source>
        <translation>The API base must be an http(s) URL.</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Saved.</translation>
    </message>
</context>
<context>
    <name>remise::ui::SimulatorPage</name>
    <message>
        <source>Cart</source>
        <translation>Cart</translation>
    </message>
    <message>
        <source>Load a Checkout Session file…</source>
        <translation>Load a Checkout Session file…</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Currency</translation>
    </message>
    <message>
        <source>Add a line item</source>
        <translation>Add a line item</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>Local customer profile</source>
        <translation>Local customer profile</translation>
    </message>
    <message>
        <source>Load a customer file…</source>
        <translation>Load a customer file…</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Email</translation>
    </message>
    <message>
        <source>Stripe customer id</source>
        <translation>Stripe customer id</translation>
    </message>
    <message>
        <source>Shipping country</source>
        <translation>Shipping country</translation>
    </message>
    <message>
        <source>FR</source>
        <translation>FR</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Profile</translation>
    </message>
    <message>
        <source>Stripe customer</source>
        <translation>Stripe customer</translation>
    </message>
    <message>
        <source>When and how</source>
        <translation>When and how</translation>
    </message>
    <message>
        <source>Date and time</source>
        <translation>Date and time</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Time zone</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>No code</source>
        <translation>No code</translation>
    </message>
    <message>
        <source>Rules</source>
        <translation>Rules</translation>
    </message>
    <message>
        <source>The live rules</source>
        <translation>The live rules</translation>
    </message>
    <message>
        <source>The draft</source>
        <translation>The draft</translation>
    </message>
    <message>
        <source>&amp;Simulate</source>
        <translation>&amp;Simulate</translation>
    </message>
    <message>
        <source>Build a cart, pick a customer and a time, then press Simulate.</source>
        <translation>Build a cart, pick a customer and a time, then press Simulate.</translation>
    </message>
    <message>
        <source>Every campaign&apos;s result</source>
        <translation>Every campaign&apos;s result</translation>
    </message>
    <message>
        <source>Every open test session at this time</source>
        <translation>Every open test session at this time</translation>
    </message>
    <message>
        <source>Run on open sessions</source>
        <translation>Run on open sessions</translation>
    </message>
    <message>
        <source>Decides every open test session with the live rules and the draft. Nothing is written to Stripe or to the database.</source>
        <translation>Decides every open test session with the live rules and the draft. Nothing is written to Stripe or to the database.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Session</translation>
    </message>
    <message>
        <source>Subtotal</source>
        <translation>Subtotal</translation>
    </message>
    <message>
        <source>Live rules</source>
        <translation>Live rules</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>Load a Checkout Session</source>
        <translation>Load a Checkout Session</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON files (*.json)</translation>
    </message>
    <message>
        <source>Load a customer profile</source>
        <translation>Load a customer profile</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>Connect a Stripe test key (or start the demo) to run on open sessions.</source>
        <translation>Connect a Stripe test key (or start the demo) to run on open sessions.</translation>
    </message>
    <message>
        <source>No local profile</source>
        <translation>No local profile</translation>
    </message>
    <message>
        <source>From the file: %1</source>
        <translation>From the file: %1</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Stripe product id</source>
        <translation>Stripe product id</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>Unit price</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Remove this line item</source>
        <translation>Remove this line item</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>Cannot read %1: %2</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a currency code such as eur or usd.</source>
        <translation>&quot;%1&quot; is not a currency code such as eur or usd.</translation>
    </message>
    <message>
        <source>The simulation could not run: %1</source>
        <translation>The simulation could not run: %1</translation>
    </message>
    <message>
        <source>%1 off a cart of %2: %3. Decided as of %4.</source>
        <translation>%1 off a cart of %2: %3. Decided as of %4.</translation>
    </message>
    <message>
        <source>No discount for a cart of %1. Decided as of %2.</source>
        <translation>No discount for a cart of %1. Decided as of %2.</translation>
    </message>
    <message>
        <source>The draft has problems; fix them to compare: %1</source>
        <translation>The draft has problems; fix them to compare: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n open session(s) decided; nothing was written.</source>
        <translation>
            <numerusform>%n open session decided; nothing was written.</numerusform>
            <numerusform>%n open sessions decided; nothing was written.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>remise::ui::TiersEdit</name>
    <message>
        <source>Tiers</source>
        <translation>Tiers</translation>
    </message>
    <message>
        <source>Add a tier</source>
        <translation>Add a tier</translation>
    </message>
    <message>
        <source>Tier %1</source>
        <translation>Tier %1</translation>
    </message>
    <message>
        <source>the tier&apos;s minimum subtotal</source>
        <translation>the tier&apos;s minimum subtotal</translation>
    </message>
    <message>
        <source>An amount off</source>
        <translation>An amount off</translation>
    </message>
    <message>
        <source>A percentage off</source>
        <translation>A percentage off</translation>
    </message>
    <message>
        <source>Kind of tier discount</source>
        <translation>Kind of tier discount</translation>
    </message>
    <message>
        <source>the tier&apos;s amount off</source>
        <translation>the tier&apos;s amount off</translation>
    </message>
    <message>
        <source>Tier percentage</source>
        <translation>Tier percentage</translation>
    </message>
    <message>
        <source>From a subtotal of</source>
        <translation>From a subtotal of</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>Discount</translation>
    </message>
    <message>
        <source>Amount off</source>
        <translation>Amount off</translation>
    </message>
    <message>
        <source>Percentage off</source>
        <translation>Percentage off</translation>
    </message>
    <message>
        <source>Remove this tier</source>
        <translation>Remove this tier</translation>
    </message>
</context>
<context>
    <name>remise::ui::UsageBars</name>
    <message>
        <source>Budget and cap use per campaign</source>
        <translation>Budget and cap use per campaign</translation>
    </message>
</context>
</TS>
