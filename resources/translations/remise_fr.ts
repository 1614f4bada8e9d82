<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>Application</name>
    <message>
        <source>Remise: server-side discounts for Stripe Checkout.</source>
        <translation>Remise : remises côté serveur pour Stripe Checkout.</translation>
    </message>
    <message>
        <source>Start the demo: a local sandbox and a demo database.</source>
        <translation>Lancer la démo : un bac à sable local et une base de démonstration.</translation>
    </message>
    <message>
        <source>The database.</source>
        <translation>La base de données.</translation>
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
        <translation>Aucune clé</translation>
    </message>
    <message>
        <source>Environment variable</source>
        <translation>Variable d&apos;environnement</translation>
    </message>
    <message>
        <source>System keychain</source>
        <translation>Trousseau du système</translation>
    </message>
    <message>
        <source>File readable only by you</source>
        <translation>Fichier lisible par vous seul</translation>
    </message>
    <message>
        <source>Demo key (local sandbox)</source>
        <translation>Clé de démo (bac à sable local)</translation>
    </message>
    <message>
        <source>the keychain is turned off (REMISE_KEYCHAIN=off)</source>
        <translation>le trousseau est désactivé (REMISE_KEYCHAIN=off)</translation>
    </message>
    <message>
        <source>the keychain refused access</source>
        <translation>le trousseau a refusé l&apos;accès</translation>
    </message>
    <message>
        <source>no Secret Service or KWallet answers on the session bus</source>
        <translation>ni Secret Service ni KWallet ne répondent sur le bus de session</translation>
    </message>
    <message>
        <source>system keychain</source>
        <translation>trousseau du système</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>impossible d&apos;écrire %1 : %2</translation>
    </message>
</context>
<context>
    <name>Text</name>
    <message>
        <source>Applies.</source>
        <translation>S&apos;applique.</translation>
    </message>
    <message>
        <source>The campaign is not active (draft or paused).</source>
        <translation>La campagne n&apos;est pas active (brouillon ou en pause).</translation>
    </message>
    <message>
        <source>The campaign starts on %1.</source>
        <translation>La campagne commence le %1.</translation>
    </message>
    <message>
        <source>The campaign has not started yet.</source>
        <translation>La campagne n&apos;a pas encore commencé.</translation>
    </message>
    <message>
        <source>The campaign ended on %1.</source>
        <translation>La campagne a pris fin le %1.</translation>
    </message>
    <message>
        <source>The campaign has ended.</source>
        <translation>La campagne est terminée.</translation>
    </message>
    <message>
        <source>The campaign does not apply to carts in %1.</source>
        <translation>La campagne ne s&apos;applique pas aux paniers en %1.</translation>
    </message>
    <message>
        <source>The cart is below %1.</source>
        <translation>Le panier est inférieur à %1.</translation>
    </message>
    <message>
        <source>The cart is below the campaign&apos;s minimum.</source>
        <translation>Le panier est inférieur au minimum de la campagne.</translation>
    </message>
    <message>
        <source>The customer is in none of the segments %1.</source>
        <translation>Le client n&apos;appartient à aucun des segments %1.</translation>
    </message>
    <message>
        <source>The customer is in none of the campaign&apos;s segments.</source>
        <translation>Le client n&apos;appartient à aucun segment de la campagne.</translation>
    </message>
    <message>
        <source>The customer&apos;s country is not one of %1.</source>
        <translation>Le pays du client ne fait pas partie de %1.</translation>
    </message>
    <message>
        <source>The customer&apos;s country is not one the campaign covers.</source>
        <translation>Le pays du client n&apos;est pas couvert par la campagne.</translation>
    </message>
    <message>
        <source>The campaign needs a code and none was entered.</source>
        <translation>La campagne demande un code et aucun n&apos;a été saisi.</translation>
    </message>
    <message>
        <source>The code entered is not this campaign&apos;s code.</source>
        <translation>Le code saisi n&apos;est pas celui de cette campagne.</translation>
    </message>
    <message>
        <source>The campaign is for first orders and the customer has ordered before.</source>
        <translation>La campagne vise les premières commandes et le client a déjà commandé.</translation>
    </message>
    <message>
        <source>The cart holds none of the campaign&apos;s products.</source>
        <translation>Le panier ne contient aucun produit de la campagne.</translation>
    </message>
    <message>
        <source>The campaign has been redeemed as often as allowed.</source>
        <translation>La campagne a été utilisée autant de fois que permis.</translation>
    </message>
    <message>
        <source>The customer has used the campaign as often as allowed, or is unknown.</source>
        <translation>Le client a utilisé la campagne autant de fois que permis, ou est inconnu.</translation>
    </message>
    <message>
        <source>The campaign&apos;s remaining budget cannot cover the discount.</source>
        <translation>Le budget restant de la campagne ne couvre pas la remise.</translation>
    </message>
    <message>
        <source>Eligible, but a larger or higher-priority discount won.</source>
        <translation>Éligible, mais une remise plus forte ou plus prioritaire l&apos;a emporté.</translation>
    </message>
    <message>
        <source>Applied</source>
        <translation>Appliquée</translation>
    </message>
    <message>
        <source>Removed</source>
        <translation>Retirée</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>Inchangée</translation>
    </message>
    <message>
        <source>Dry run</source>
        <translation>Essai à blanc</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Refusée</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Échouée</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Ouverte</translation>
    </message>
    <message>
        <source>Complete</source>
        <translation>Terminée</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Expirée</translation>
    </message>
    <message>
        <source>Command line</source>
        <translation>Ligne de commande</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>Stripe webhook</source>
        <translation>Webhook Stripe</translation>
    </message>
    <message>
        <source>Desktop app (%1)</source>
        <translation>Application de bureau (%1)</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Application</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualisation</translation>
    </message>
    <message>
        <source>Code entered</source>
        <translation>Code saisi</translation>
    </message>
    <message>
        <source>Code removed</source>
        <translation>Code retiré</translation>
    </message>
    <message>
        <source>Remove discount</source>
        <translation>Retirer la remise</translation>
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
        <translation>Aucune</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>Remise</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Qui</translation>
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
        <translation>Résultat</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Avant</translation>
    </message>
    <message>
        <source>After</source>
        <translation>Après</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>Latence</translation>
    </message>
    <message>
        <source>Stripe request</source>
        <translation>Requête Stripe</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Détail</translation>
    </message>
</context>
<context>
    <name>remise::ui::ActivityPage</name>
    <message>
        <source>Activity</source>
        <translation>Activité</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualiser</translation>
    </message>
    <message>
        <source>&amp;Export CSV…</source>
        <translation>&amp;Exporter en CSV…</translation>
    </message>
    <message>
        <source>Save every entry the filter matches as a CSV file</source>
        <translation>Enregistrer toutes les entrées retenues par le filtre dans un fichier CSV</translation>
    </message>
    <message>
        <source>&amp;Outcome:</source>
        <translation>&amp;Résultat :</translation>
    </message>
    <message>
        <source>Outcome filter</source>
        <translation>Filtre par résultat</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Toutes</translation>
    </message>
    <message>
        <source>Session id (exact)</source>
        <translation>Identifiant de session (exact)</translation>
    </message>
    <message>
        <source>Session filter</source>
        <translation>Filtre par session</translation>
    </message>
    <message>
        <source>Search the loaded entries (Ctrl+F)</source>
        <translation>Rechercher dans les entrées chargées (Ctrl+F)</translation>
    </message>
    <message>
        <source>Search activity</source>
        <translation>Rechercher dans l&apos;activité</translation>
    </message>
    <message>
        <source>Load &amp;older</source>
        <translation>Charger les &amp;plus anciennes</translation>
    </message>
    <message>
        <source>Activity log</source>
        <translation>Journal d&apos;activité</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>Cannot read the activity log: %1</source>
        <translation>Impossible de lire le journal d&apos;activité : %1</translation>
    </message>
    <message numerus="yes">
        <source>%n entries shown, newest first.</source>
        <translation>
            <numerusform>%n entrée affichée, la plus récente en premier.</numerusform>
            <numerusform>%n entrées affichées, les plus récentes en premier.</numerusform>
        </translation>
    </message>
    <message>
        <source>No entry matches the filter.</source>
        <translation>Aucune entrée ne correspond au filtre.</translation>
    </message>
    <message>
        <source>No entry matches the search.</source>
        <translation>Aucune entrée ne correspond à la recherche.</translation>
    </message>
    <message>
        <source>Export activity</source>
        <translation>Exporter l&apos;activité</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Fichiers CSV (*.csv)</translation>
    </message>
    <message>
        <source>Exporting the activity log…</source>
        <translation>Export du journal d&apos;activité…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n entries.</source>
        <translation>
            <numerusform>%n entrée exportée.</numerusform>
            <numerusform>%n entrées exportées.</numerusform>
        </translation>
    </message>
    <message>
        <source>An export is already running.</source>
        <translation>Un export est déjà en cours.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Impossible d&apos;écrire %1 : %2</translation>
    </message>
    <message>
        <source>Export cancelled.</source>
        <translation>Export annulé.</translation>
    </message>
    <message numerus="yes">
        <source>Exporting the activity log… %n entries written.</source>
        <translation>
            <numerusform>Export du journal d&apos;activité… %n entrée écrite.</numerusform>
            <numerusform>Export du journal d&apos;activité… %n entrées écrites.</numerusform>
        </translation>
    </message>
    <message>
        <source>No activity yet.
Every discount update — from the Sessions page, the command line or the service — is recorded here.</source>
        <translation>Aucune activité pour l&apos;instant.
Chaque mise à jour de remise — depuis la page Sessions, la ligne de commande ou le service — est enregistrée ici.</translation>
    </message>
</context>
<context>
    <name>remise::ui::Application</name>
    <message>
        <source>The demo could not start its sandbox: %1</source>
        <translation>La démo n&apos;a pas pu lancer son bac à sable : %1</translation>
    </message>
    <message>
        <source>The demo database could not be created: %1</source>
        <translation>La base de démonstration n&apos;a pas pu être créée : %1</translation>
    </message>
    <message>
        <source>Local sandbox at %1</source>
        <translation>Bac à sable local sur %1</translation>
    </message>
    <message>
        <source>A live key was found (%1) but live keys are not allowed: allow them in Settings if you really mean to.</source>
        <translation>Une clé live a été trouvée (%1) mais les clés live ne sont pas autorisées : autorisez-les dans les Réglages si c&apos;est vraiment voulu.</translation>
    </message>
    <message>
        <source>The Stripe key from %1 cannot be used: %2</source>
        <translation>La clé Stripe de %1 est inutilisable : %2</translation>
    </message>
    <message>
        <source>Cannot open the database %1: %2</source>
        <translation>Impossible d&apos;ouvrir la base de données %1 : %2</translation>
    </message>
    <message>
        <source>Stripe API at %1</source>
        <translation>API Stripe sur %1</translation>
    </message>
    <message>
        <source>No Stripe key: add one in Settings</source>
        <translation>Aucune clé Stripe : ajoutez-en une dans les Réglages</translation>
    </message>
    <message>
        <source>Stripe key</source>
        <translation>Clé Stripe</translation>
    </message>
    <message>
        <source>Welcome to Remise</source>
        <translation>Bienvenue dans Remise</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Welcome to Remise&lt;/h3&gt;&lt;p&gt;Remise decides which discount each Stripe Checkout Session should carry, says why, and applies it server-side.&lt;/p&gt;&lt;p&gt;Try the &lt;b&gt;demo&lt;/b&gt; — a local sandbox with sample sessions, campaigns and customers; nothing leaves this computer — or connect your Stripe &lt;b&gt;test&lt;/b&gt; account.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Bienvenue dans Remise&lt;/h3&gt;&lt;p&gt;Remise décide quelle remise chaque session Stripe Checkout doit porter, explique pourquoi et l&apos;applique côté serveur.&lt;/p&gt;&lt;p&gt;Essayez la &lt;b&gt;démo&lt;/b&gt; — un bac à sable local avec des sessions, des campagnes et des clients d&apos;exemple ; rien ne quitte cet ordinateur — ou connectez votre compte Stripe de &lt;b&gt;test&lt;/b&gt;.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Open the &amp;demo</source>
        <translation>Ouvrir la &amp;démo</translation>
    </message>
    <message>
        <source>Or paste a Stripe test secret &amp;key (sk_test_… or rk_test_…):</source>
        <translation>Ou collez une &amp;clé secrète Stripe de test (sk_test_… ou rk_test_…) :</translation>
    </message>
    <message>
        <source>The key is kept in the system keychain.</source>
        <translation>La clé est conservée dans le trousseau du système.</translation>
    </message>
    <message>
        <source>No system keychain here: the key is kept in %1, readable only by you.</source>
        <translation>Pas de trousseau système ici : la clé est conservée dans %1, lisible par vous seul.</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>&amp;Connecter</translation>
    </message>
    <message>
        <source>&amp;Later</source>
        <translation>&amp;Plus tard</translation>
    </message>
    <message>
        <source>This is a live key. Start with a test key; live keys can be allowed later in Settings.</source>
        <translation>C&apos;est une clé live. Commencez avec une clé de test ; les clés live pourront être autorisées plus tard dans les Réglages.</translation>
    </message>
    <message>
        <source>The configuration is invalid: %1</source>
        <translation>La configuration est invalide : %1</translation>
    </message>
</context>
<context>
    <name>remise::ui::CampaignEditor</name>
    <message>
        <source>Campaign</source>
        <translation>Campagne</translation>
    </message>
    <message>
        <source>Campaign id</source>
        <translation>Identifiant de la campagne</translation>
    </message>
    <message>
        <source>black-friday-2026</source>
        <translation>black-friday-2026</translation>
    </message>
    <message>
        <source>Lowercase letters, digits, dashes and underscores; it never changes once sessions carry the campaign.</source>
        <translation>Minuscules, chiffres, tirets et soulignés ; il ne change plus une fois que des sessions portent la campagne.</translation>
    </message>
    <message>
        <source>&amp;Id</source>
        <translation>&amp;Identifiant</translation>
    </message>
    <message>
        <source>Campaign name</source>
        <translation>Nom de la campagne</translation>
    </message>
    <message>
        <source>Customers see this name on the checkout page (40 characters at most).</source>
        <translation>Les clients voient ce nom sur la page de paiement (40 caractères au plus).</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Nom</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Draft (never applies)</source>
        <translation>Brouillon (ne s&apos;applique jamais)</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>En pause</translation>
    </message>
    <message>
        <source>Archived (left out of decisions)</source>
        <translation>Archivée (exclue des décisions)</translation>
    </message>
    <message>
        <source>&amp;Status</source>
        <translation>&amp;Statut</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priorité</translation>
    </message>
    <message>
        <source>Higher priorities win ties between campaigns.</source>
        <translation>Les priorités plus hautes l&apos;emportent en cas d&apos;égalité entre campagnes.</translation>
    </message>
    <message>
        <source>&amp;Priority</source>
        <translation>&amp;Priorité</translation>
    </message>
    <message>
        <source>Stacking</source>
        <translation>Cumul</translation>
    </message>
    <message>
        <source>Exclusive: stands alone</source>
        <translation>Exclusive : seule</translation>
    </message>
    <message>
        <source>Stackable: adds up with other stackable campaigns</source>
        <translation>Cumulable : s&apos;ajoute aux autres campagnes cumulables</translation>
    </message>
    <message>
        <source>S&amp;tacking</source>
        <translation>C&amp;umul</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Calendrier</translation>
    </message>
    <message>
        <source>Time zone of %1</source>
        <translation>Fuseau horaire (%1)</translation>
    </message>
    <message>
        <source>Starts</source>
        <translation>Début</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Du</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Début</translation>
    </message>
    <message>
        <source>Ends</source>
        <translation>Fin</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>Jusqu&apos;au</translation>
    </message>
    <message>
        <source>End</source>
        <translation>Fin</translation>
    </message>
    <message>
        <source>Conditions (all must hold)</source>
        <translation>Conditions (toutes requises)</translation>
    </message>
    <message>
        <source>Segments</source>
        <translation>Segments</translation>
    </message>
    <message>
        <source>The customer must match one of the checked segments. Check none for everybody.</source>
        <translation>Le client doit appartenir à l&apos;un des segments cochés. N&apos;en cochez aucun pour tout le monde.</translation>
    </message>
    <message>
        <source>Se&amp;gments</source>
        <translation>Se&amp;gments</translation>
    </message>
    <message>
        <source>Currencies</source>
        <translation>Devises</translation>
    </message>
    <message>
        <source>Any currency (or a list such as: eur, usd)</source>
        <translation>Toute devise (ou une liste comme : eur, usd)</translation>
    </message>
    <message>
        <source>C&amp;urrencies</source>
        <translation>&amp;Devises</translation>
    </message>
    <message>
        <source>the minimum subtotal</source>
        <translation>le sous-total minimum</translation>
    </message>
    <message>
        <source>Minimum subtotal</source>
        <translation>Sous-total minimum</translation>
    </message>
    <message>
        <source>Countries</source>
        <translation>Pays</translation>
    </message>
    <message>
        <source>Any country (or a list such as: FR, BE)</source>
        <translation>Tout pays (ou une liste comme : FR, BE)</translation>
    </message>
    <message>
        <source>C&amp;ountries</source>
        <translation>Pa&amp;ys</translation>
    </message>
    <message>
        <source>Codes</source>
        <translation>Codes</translation>
    </message>
    <message>
        <source>No code needed (or codes separated by commas)</source>
        <translation>Aucun code requis (ou des codes séparés par des virgules)</translation>
    </message>
    <message>
        <source>Co&amp;des</source>
        <translation>Co&amp;des</translation>
    </message>
    <message>
        <source>Only for a customer&apos;s first order</source>
        <translation>Seulement pour la première commande d&apos;un client</translation>
    </message>
    <message>
        <source>First order</source>
        <translation>Première commande</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>Produits</translation>
    </message>
    <message>
        <source>Any product (or Stripe product ids: prod_…)</source>
        <translation>Tout produit (ou des identifiants de produit Stripe : prod_…)</translation>
    </message>
    <message>
        <source>P&amp;roducts</source>
        <translation>P&amp;roduits</translation>
    </message>
    <message>
        <source>Reward</source>
        <translation>Avantage</translation>
    </message>
    <message>
        <source>Reward type</source>
        <translation>Type d&apos;avantage</translation>
    </message>
    <message>
        <source>A percentage off</source>
        <translation>Un pourcentage de remise</translation>
    </message>
    <message>
        <source>An amount off</source>
        <translation>Un montant de remise</translation>
    </message>
    <message>
        <source>Tiers by subtotal</source>
        <translation>Paliers selon le sous-total</translation>
    </message>
    <message>
        <source>T&amp;ype</source>
        <translation>T&amp;ype</translation>
    </message>
    <message>
        <source>Percentage off</source>
        <translation>Pourcentage de remise</translation>
    </message>
    <message>
        <source>Percenta&amp;ge</source>
        <translation>Pource&amp;ntage</translation>
    </message>
    <message>
        <source>the maximum discount</source>
        <translation>la remise maximale</translation>
    </message>
    <message>
        <source>At most</source>
        <translation>Au plus</translation>
    </message>
    <message>
        <source>the amount off</source>
        <translation>le montant de remise</translation>
    </message>
    <message>
        <source>Amount off</source>
        <translation>Montant de remise</translation>
    </message>
    <message>
        <source>Tiers</source>
        <translation>Paliers</translation>
    </message>
    <message>
        <source>Limits</source>
        <translation>Limites</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>Sans limite</translation>
    </message>
    <message>
        <source>Redemptions in all</source>
        <translation>Utilisations au total</translation>
    </message>
    <message>
        <source>Redemptions per customer</source>
        <translation>Utilisations par client</translation>
    </message>
    <message>
        <source>Per customer</source>
        <translation>Par client</translation>
    </message>
    <message>
        <source>the budget</source>
        <translation>le budget</translation>
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
        <translation>%1 (non défini)</translation>
    </message>
    <message>
        <source>Lint findings:</source>
        <translation>Points relevés par la vérification :</translation>
    </message>
</context>
<context>
    <name>remise::ui::CampaignListModel</name>
    <message>
        <source>Published</source>
        <translation>Publiée</translation>
    </message>
    <message>
        <source>Changed in the draft</source>
        <translation>Modifiée dans le brouillon</translation>
    </message>
    <message>
        <source>New in the draft</source>
        <translation>Nouvelle dans le brouillon</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Modifications non enregistrées</translation>
    </message>
    <message>
        <source>Conflicts with the live rules</source>
        <translation>En conflit avec les règles en vigueur</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 sur %2</translation>
    </message>
    <message>
        <source>No budget</source>
        <translation>Sans budget</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>Identifiant</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Calendrier</translation>
    </message>
    <message>
        <source>Reward</source>
        <translation>Avantage</translation>
    </message>
    <message>
        <source>Redemptions</source>
        <translation>Utilisations</translation>
    </message>
    <message>
        <source>Budget used</source>
        <translation>Budget</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Brouillon</translation>
    </message>
    <message>
        <source>%1 used, %2 held of %3</source>
        <translation>utilisé : %1, réservé : %2 (sur %3)</translation>
    </message>
    <message>
        <source>No cap</source>
        <translation>Sans plafond</translation>
    </message>
</context>
<context>
    <name>remise::ui::CampaignText</name>
    <message>
        <source>%1 % off</source>
        <translation>%1 % de remise</translation>
    </message>
    <message>
        <source>%1, at most %2</source>
        <translation>%1, au plus %2</translation>
    </message>
    <message>
        <source>%1 off</source>
        <translation>%1 de remise</translation>
    </message>
    <message numerus="yes">
        <source>%n tier(s) by subtotal</source>
        <translation>
            <numerusform>%n palier selon le sous-total</numerusform>
            <numerusform>%n paliers selon le sous-total</numerusform>
        </translation>
    </message>
    <message>
        <source>No reward</source>
        <translation>Aucun avantage</translation>
    </message>
    <message>
        <source>Always</source>
        <translation>Toujours</translation>
    </message>
    <message>
        <source>From %1</source>
        <translation>À partir du %1</translation>
    </message>
    <message>
        <source>Until %1</source>
        <translation>Jusqu&apos;au %1</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>Du %1 au %2</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>En pause</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>Archivée</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Brouillon</translation>
    </message>
</context>
<context>
    <name>remise::ui::CampaignTimeline</name>
    <message>
        <source>Timeline of campaign schedules</source>
        <translation>Frise des calendriers de campagne</translation>
    </message>
    <message>
        <source>Campaigns with a schedule appear here.</source>
        <translation>Les campagnes avec un calendrier apparaissent ici.</translation>
    </message>
</context>
<context>
    <name>remise::ui::CampaignsPage</name>
    <message>
        <source>Campaign actions</source>
        <translation>Actions sur les campagnes</translation>
    </message>
    <message>
        <source>Filter campaigns (Ctrl+F)</source>
        <translation>Filtrer les campagnes (Ctrl+F)</translation>
    </message>
    <message>
        <source>Filter campaigns</source>
        <translation>Filtrer les campagnes</translation>
    </message>
    <message>
        <source>Campaigns</source>
        <translation>Campagnes</translation>
    </message>
    <message>
        <source>No campaigns yet. Import a remise/1 file or create a campaign; nothing reaches your shop until you publish.</source>
        <translation>Aucune campagne pour le moment. Importez un fichier remise/1 ou créez une campagne ; rien n&apos;atteint votre boutique avant la publication.</translation>
    </message>
    <message>
        <source>Create a campaign</source>
        <translation>Créer une campagne</translation>
    </message>
    <message>
        <source>Import a file…</source>
        <translation>Importer un fichier…</translation>
    </message>
    <message>
        <source>Keep my version</source>
        <translation>Garder ma version</translation>
    </message>
    <message>
        <source>Use the live version</source>
        <translation>Prendre la version en vigueur</translation>
    </message>
    <message>
        <source>&amp;New campaign</source>
        <translation>&amp;Nouvelle campagne</translation>
    </message>
    <message>
        <source>&amp;Duplicate</source>
        <translation>&amp;Dupliquer</translation>
    </message>
    <message>
        <source>Ctrl+D</source>
        <translation>Ctrl+D</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Mettre en pause</translation>
    </message>
    <message>
        <source>&amp;Archive</source>
        <translation>&amp;Archiver</translation>
    </message>
    <message>
        <source>&amp;Save to draft</source>
        <translation>&amp;Enregistrer dans le brouillon</translation>
    </message>
    <message>
        <source>&amp;Revert</source>
        <translation>&amp;Revenir</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importer…</translation>
    </message>
    <message>
        <source>Import campaigns</source>
        <translation>Importer des campagnes</translation>
    </message>
    <message>
        <source>Campaign files (*.json);;All files (*)</source>
        <translation>Fichiers de campagnes (*.json);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exporter…</translation>
    </message>
    <message>
        <source>Export campaigns</source>
        <translation>Exporter les campagnes</translation>
    </message>
    <message>
        <source>Campaign files (*.json)</source>
        <translation>Fichiers de campagnes (*.json)</translation>
    </message>
    <message>
        <source>The draft&apos;s campaigns and segments were exported to %1.</source>
        <translation>Les campagnes et segments du brouillon ont été exportés dans %1.</translation>
    </message>
    <message>
        <source>&amp;Publish…</source>
        <translation>&amp;Publier…</translation>
    </message>
    <message>
        <source>Review the draft&apos;s changes and their impact, then make them live.</source>
        <translation>Relire les modifications du brouillon et leur impact, puis les mettre en vigueur.</translation>
    </message>
    <message>
        <source>Unsaved changes to this campaign were kept from your last session. Save them to the draft or revert them.</source>
        <translation>Des modifications non enregistrées de cette campagne ont été conservées depuis votre dernière session. Enregistrez-les dans le brouillon ou annulez-les.</translation>
    </message>
    <message>
        <source>Keep your version to publish it over the live one, or use the live version and lose your edit.</source>
        <translation>Gardez votre version pour la publier à la place de celle en vigueur, ou prenez la version en vigueur et perdez votre modification.</translation>
    </message>
    <message>
        <source>The campaign was not saved: %1</source>
        <translation>La campagne n&apos;a pas été enregistrée : %1</translation>
    </message>
    <message>
        <source>%1 (copy)</source>
        <translation>%1 (copie)</translation>
    </message>
    <message>
        <source>Nothing was imported from %1:</source>
        <translation>Rien n&apos;a été importé depuis %1 :</translation>
    </message>
    <message numerus="yes">
        <source>Imported %1 into the draft: %n campaign(s). Review and publish them to make them live.</source>
        <translation>
            <numerusform>%1 importé dans le brouillon : %n campagne. Relisez-la et publiez-la pour la mettre en vigueur.</numerusform>
            <numerusform>%1 importé dans le brouillon : %n campagnes. Relisez-les et publiez-les pour les mettre en vigueur.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Impossible d&apos;écrire %1 : %2</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>&amp;Reprendre</translation>
    </message>
</context>
<context>
    <name>remise::ui::CurrencyAmountsEdit</name>
    <message>
        <source>Add a currency</source>
        <translation>Ajouter une devise</translation>
    </message>
    <message>
        <source>Add a currency to %1</source>
        <translation>Ajouter une devise (%1)</translation>
    </message>
    <message>
        <source>Currency of %1</source>
        <translation>Devise (%1)</translation>
    </message>
    <message>
        <source>A lowercase ISO 4217 code, such as eur or usd.</source>
        <translation>Un code ISO 4217 en minuscules, comme eur ou usd.</translation>
    </message>
    <message>
        <source>Amount of %1</source>
        <translation>Montant (%1)</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <source>Remove this currency from %1</source>
        <translation>Retirer cette devise (%1)</translation>
    </message>
</context>
<context>
    <name>remise::ui::CustomerListModel</name>
    <message>
        <source>Email</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Stripe customer</source>
        <translation>Client Stripe</translation>
    </message>
    <message>
        <source>Loyalty tier</source>
        <translation>Niveau de fidélité</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>Commandes</translation>
    </message>
    <message>
        <source>Lifetime spend</source>
        <translation>Dépenses cumulées</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Étiquettes</translation>
    </message>
    <message>
        <source>Metadata</source>
        <translation>Métadonnées</translation>
    </message>
</context>
<context>
    <name>remise::ui::CustomersPage</name>
    <message>
        <source>Customer actions</source>
        <translation>Actions sur les clients</translation>
    </message>
    <message>
        <source>Filter customers by email, id, tier or tag (Ctrl+F)</source>
        <translation>Filtrer les clients par e-mail, identifiant, niveau ou étiquette (Ctrl+F)</translation>
    </message>
    <message>
        <source>Filter customers</source>
        <translation>Filtrer les clients</translation>
    </message>
    <message>
        <source>Customer profiles</source>
        <translation>Profils clients</translation>
    </message>
    <message>
        <source>No customer profiles yet. Import a CSV or JSON file of your customers so segments can use their loyalty tier, orders and spend.</source>
        <translation>Aucun profil client pour l&apos;instant. Importez un fichier CSV ou JSON de vos clients pour que les segments puissent utiliser leur niveau de fidélité, leurs commandes et leurs dépenses.</translation>
    </message>
    <message>
        <source>Import a file…</source>
        <translation>Importer un fichier…</translation>
    </message>
    <message>
        <source>Import customer profiles</source>
        <translation>Importer des profils clients</translation>
    </message>
    <message>
        <source>Customer files (*.csv *.json);;All files (*)</source>
        <translation>Fichiers clients (*.csv *.json);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importer…</translation>
    </message>
    <message>
        <source>&amp;Preview an import…</source>
        <translation>&amp;Prévisualiser un import…</translation>
    </message>
    <message>
        <source>Shows what an import would create and change, writing nothing.</source>
        <translation>Montre ce qu&apos;un import créerait et modifierait, sans rien écrire.</translation>
    </message>
    <message>
        <source>Replace whole profiles</source>
        <translation>Remplacer les profils entiers</translation>
    </message>
    <message>
        <source>Off: a file sets only the fields it has and the others keep their values. On: fields the file leaves out are cleared.</source>
        <translation>Décoché : le fichier ne modifie que les champs qu&apos;il contient, les autres gardent leur valeur. Coché : les champs absents du fichier sont effacés.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>Impossible de lire %1 : %2</translation>
    </message>
    <message numerus="yes">
        <source>Importing %n customer profile(s)…</source>
        <translation>
            <numerusform>Import de %n profil client…</numerusform>
            <numerusform>Import de %n profils clients…</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing was imported from %1:</source>
        <translation>Rien n&apos;a été importé depuis %1 :</translation>
    </message>
    <message>
        <source>%1 created, %2 changed, %3 unchanged.</source>
        <translation>Créés : %1, modifiés : %2, inchangés : %3.</translation>
    </message>
    <message numerus="yes">
        <source>Importing %1 would read %n profile(s): nothing was written.</source>
        <translation>
            <numerusform>L&apos;import de %1 lirait %n profil : rien n&apos;a été écrit.</numerusform>
            <numerusform>L&apos;import de %1 lirait %n profils : rien n&apos;a été écrit.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %n profile(s) from %1.</source>
        <translation>
            <numerusform>%n profil importé depuis %1.</numerusform>
            <numerusform>%n profils importés depuis %1.</numerusform>
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
        <translation>Appliquée</translation>
    </message>
    <message>
        <source>Eligible, not applied</source>
        <translation>Éligible, non appliquée</translation>
    </message>
    <message>
        <source>Not eligible</source>
        <translation>Non éligible</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>Campagne</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Montant</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Pourquoi</translation>
    </message>
</context>
<context>
    <name>remise::ui::DraftItemPage</name>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Annuler</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Rétablir</translation>
    </message>
    <message>
        <source>Ctrl+Shift+Z</source>
        <translation>Ctrl+Shift+Z</translation>
    </message>
    <message>
        <source>The live rules were changed outside this window. The list now shows them with your draft on top.</source>
        <translation>Les règles en vigueur ont été modifiées hors de cette fenêtre. La liste les affiche désormais, avec votre brouillon par-dessus.</translation>
    </message>
    <message>
        <source>edit of %1</source>
        <translation>modification de %1</translation>
    </message>
    <message>
        <source>The draft is now live.</source>
        <translation>Le brouillon est désormais en vigueur.</translation>
    </message>
</context>
<context>
    <name>remise::ui::ImpactRunner</name>
    <message>
        <source>Reading the open test sessions from Stripe…</source>
        <translation>Lecture des sessions de test ouvertes depuis Stripe…</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Annulé.</translation>
    </message>
    <message>
        <source>The open sessions could not be read: %1</source>
        <translation>Les sessions ouvertes n&apos;ont pas pu être lues : %1</translation>
    </message>
    <message>
        <source>Reading the last completed sessions from Stripe…</source>
        <translation>Lecture des dernières sessions terminées depuis Stripe…</translation>
    </message>
    <message>
        <source>The completed sessions could not be read: %1</source>
        <translation>Les sessions terminées n&apos;ont pas pu être lues : %1</translation>
    </message>
    <message numerus="yes">
        <source>Deciding %n session(s) with the live rules and with the draft…</source>
        <translation>
            <numerusform>Décision pour %n session avec les règles en vigueur et avec le brouillon…</numerusform>
            <numerusform>Décision pour %n sessions avec les règles en vigueur et avec le brouillon…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>remise::ui::MainWindow</name>
    <message>
        <source>Overview</source>
        <translation>Vue d&apos;ensemble</translation>
    </message>
    <message>
        <source>Campaigns</source>
        <translation>Campagnes</translation>
    </message>
    <message>
        <source>Segments</source>
        <translation>Segments</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>Clients</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>Sessions</translation>
    </message>
    <message>
        <source>Simulator</source>
        <translation>Simulateur</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Activité</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Réglages</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Pages</translation>
    </message>
    <message>
        <source>Mode: %1</source>
        <translation>Mode : %1</translation>
    </message>
    <message>
        <source>Remise</source>
        <translation>Remise</translation>
    </message>
    <message>
        <source>Remise — DEMO</source>
        <translation>Remise — DÉMO</translation>
    </message>
    <message>
        <source>Remise — LIVE</source>
        <translation>Remise — LIVE</translation>
    </message>
    <message>
        <source>DEMO</source>
        <translation>DÉMO</translation>
    </message>
    <message>
        <source>TEST MODE</source>
        <translation>MODE TEST</translation>
    </message>
    <message>
        <source>LIVE</source>
        <translation>LIVE</translation>
    </message>
    <message>
        <source>NOT CONNECTED</source>
        <translation>NON CONNECTÉ</translation>
    </message>
    <message>
        <source>%1 (Ctrl+%2)</source>
        <translation>%1 (Ctrl+%2)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;Export activity as CSV…</source>
        <translation>&amp;Exporter l&apos;activité en CSV…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>É&amp;dition</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>&amp;Rechercher</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Aller</translation>
    </message>
    <message>
        <source>Page &amp;list</source>
        <translation>&amp;Liste des pages</translation>
    </message>
    <message>
        <source>&amp;Session</source>
        <translation>&amp;Session</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Aid&amp;e</translation>
    </message>
    <message>
        <source>&amp;About Remise</source>
        <translation>À &amp;propos de Remise</translation>
    </message>
    <message>
        <source>About Remise</source>
        <translation>À propos de Remise</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Remise %1&lt;/h3&gt;&lt;p&gt;Server-side dynamic discounts for Stripe Checkout.&lt;/p&gt;&lt;p&gt;The app, the command line and the service decide with the same engine and update sessions through the same workflow.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Remise %1&lt;/h3&gt;&lt;p&gt;Remises dynamiques côté serveur pour Stripe Checkout.&lt;/p&gt;&lt;p&gt;L&apos;application, la ligne de commande et le service décident avec le même moteur et mettent à jour les sessions par le même processus.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>À propos de &amp;Qt</translation>
    </message>
</context>
<context>
    <name>remise::ui::OverviewPage</name>
    <message>
        <source>Overview</source>
        <translation>Vue d&apos;ensemble</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualiser</translation>
    </message>
    <message>
        <source>Campaigns running and scheduled</source>
        <translation>Campagnes en cours et programmées</translation>
    </message>
    <message>
        <source>Active and scheduled campaigns</source>
        <translation>Campagnes actives et programmées</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>Campagne</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Du</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>Jusqu&apos;au</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Aujourd&apos;hui</translation>
    </message>
    <message>
        <source>Today&apos;s failures</source>
        <translation>Échecs du jour</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Session</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Pourquoi</translation>
    </message>
    <message>
        <source>Budget and caps</source>
        <translation>Budgets et plafonds</translation>
    </message>
    <message>
        <source>No campaign has a budget or a redemption cap.</source>
        <translation>Aucune campagne n&apos;a de budget ni de plafond d&apos;utilisations.</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>En pause</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>En cours</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>Programmée</translation>
    </message>
    <message>
        <source>Always</source>
        <translation>Toujours</translation>
    </message>
    <message>
        <source>No end</source>
        <translation>Sans fin</translation>
    </message>
    <message>
        <source>%1 · redemptions</source>
        <translation>%1 · utilisations</translation>
    </message>
    <message>
        <source>%1 · budget in %2</source>
        <translation>%1 · budget en %2</translation>
    </message>
    <message>
        <source>No campaign is running or scheduled.</source>
        <translation>Aucune campagne en cours ni programmée.</translation>
    </message>
    <message>
        <source>Cannot read the activity log: %1</source>
        <translation>Impossible de lire le journal d&apos;activité : %1</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%n update(s)&lt;/b&gt; today</source>
        <translation>
            <numerusform>&lt;b&gt;%n mise à jour&lt;/b&gt; aujourd&apos;hui</numerusform>
            <numerusform>&lt;b&gt;%n mises à jour&lt;/b&gt; aujourd&apos;hui</numerusform>
        </translation>
    </message>
    <message>
        <source>No failure today.</source>
        <translation>Aucun échec aujourd&apos;hui.</translation>
    </message>
    <message>
        <source>Applied %1 · Removed %2 · Unchanged %3 · Refused %4 · Failed %5</source>
        <translation>Appliquées %1 · Retirées %2 · Inchangées %3 · Refusées %4 · Échouées %5</translation>
    </message>
    <message>
        <source>Cannot read the use of budgets and caps: %1</source>
        <translation>Impossible de lire l&apos;utilisation des budgets et plafonds : %1</translation>
    </message>
    <message>
        <source>%1 used, %2 held, %3 pending, %4 left of %5</source>
        <translation>utilisé : %1, réservé : %2, en cours : %3, reste %4 sur %5</translation>
    </message>
    <message>
        <source>%1 used, %2 held, %3 left of %4</source>
        <translation>utilisé : %1, réservé : %2, reste %3 sur %4</translation>
    </message>
</context>
<context>
    <name>remise::ui::PublishDialog</name>
    <message>
        <source>(not set)</source>
        <translation>(non défini)</translation>
    </message>
    <message>
        <source>Publish the draft</source>
        <translation>Publier le brouillon</translation>
    </message>
    <message>
        <source>Changes against the live rules</source>
        <translation>Différences avec les règles en vigueur</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Modification</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>En vigueur</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Brouillon</translation>
    </message>
    <message>
        <source>Impact on open test sessions</source>
        <translation>Impact sur les sessions de test ouvertes</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Session</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Subtotal</source>
        <translation>Sous-total</translation>
    </message>
    <message>
        <source>Discount now</source>
        <translation>Remise actuelle</translation>
    </message>
    <message>
        <source>Live rules</source>
        <translation>Règles en vigueur</translation>
    </message>
    <message>
        <source>Backtest over the last completed sessions</source>
        <translation>Rétro-test sur les dernières sessions terminées</translation>
    </message>
    <message>
        <source>Sessions that would have had a discount</source>
        <translation>Sessions qui auraient eu une remise</translation>
    </message>
    <message>
        <source>Total cost of the discounts</source>
        <translation>Coût total des remises</translation>
    </message>
    <message>
        <source>&amp;Publish</source>
        <translation>&amp;Publier</translation>
    </message>
    <message>
        <source>The draft has problems to fix first:</source>
        <translation>Le brouillon a d’abord des problèmes à corriger :</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot;</source>
        <translation>Campagne « %1 »</translation>
    </message>
    <message>
        <source>Segment &quot;%1&quot;</source>
        <translation>Segment « %1 »</translation>
    </message>
    <message>
        <source>%1 is added</source>
        <translation>%1 est ajouté(e)</translation>
    </message>
    <message>
        <source>%1 is removed</source>
        <translation>%1 est supprimé(e)</translation>
    </message>
    <message>
        <source>%1 changes</source>
        <translation>%1 change</translation>
    </message>
    <message>
        <source>The draft holds no change to publish.</source>
        <translation>Le brouillon ne contient aucune modification à publier.</translation>
    </message>
    <message numerus="yes">
        <source>Publishing makes %n change(s) live at once, in one transaction.</source>
        <translation>
            <numerusform>La publication met %n modification en vigueur d’un coup, en une seule transaction.</numerusform>
            <numerusform>La publication met %n modifications en vigueur d’un coup, en une seule transaction.</numerusform>
        </translation>
    </message>
    <message>
        <source>The impact is computed once the draft has no problems.</source>
        <translation>L&apos;impact est calculé une fois que le brouillon n&apos;a plus de problème.</translation>
    </message>
    <message>
        <source>Connect a Stripe test key (or start the demo) to see the impact on open sessions.</source>
        <translation>Connectez une clé Stripe de test (ou lancez la démo) pour voir l&apos;impact sur les sessions ouvertes.</translation>
    </message>
    <message>
        <source>Other campaigns</source>
        <translation>Autres campagnes</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Aucune</translation>
    </message>
    <message>
        <source>%1 more</source>
        <translation>%1 de plus</translation>
    </message>
    <message>
        <source>%1 less</source>
        <translation>%1 de moins</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n open test session(s) would change discount.</source>
        <translation>
            <numerusform>Sur %n session de test ouverte, %1 changerait de remise.</numerusform>
            <numerusform>Sur %n sessions de test ouvertes, %1 changeraient de remise.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n session(s) could not be decided.</source>
        <translation>
            <numerusform>%n session n&apos;a pas pu être décidée.</numerusform>
            <numerusform>%n sessions n&apos;ont pas pu être décidées.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 sur %2</translation>
    </message>
    <message>
        <source>Nothing was published: %1</source>
        <translation>Rien n&apos;a été publié : %1</translation>
    </message>
</context>
<context>
    <name>remise::ui::RulesEdit</name>
    <message>
        <source>is</source>
        <translation>est</translation>
    </message>
    <message>
        <source>is not</source>
        <translation>n&apos;est pas</translation>
    </message>
    <message>
        <source>is one of</source>
        <translation>est l&apos;un de</translation>
    </message>
    <message>
        <source>is none of</source>
        <translation>n&apos;est aucun de</translation>
    </message>
    <message>
        <source>is more than</source>
        <translation>est supérieur à</translation>
    </message>
    <message>
        <source>is at least</source>
        <translation>est au moins</translation>
    </message>
    <message>
        <source>is less than</source>
        <translation>est inférieur à</translation>
    </message>
    <message>
        <source>is at most</source>
        <translation>est au plus</translation>
    </message>
    <message>
        <source>starts with</source>
        <translation>commence par</translation>
    </message>
    <message>
        <source>ends with</source>
        <translation>se termine par</translation>
    </message>
    <message>
        <source>contains</source>
        <translation>contient</translation>
    </message>
    <message>
        <source>is set</source>
        <translation>est renseigné</translation>
    </message>
    <message>
        <source>is not set</source>
        <translation>n&apos;est pas renseigné</translation>
    </message>
    <message>
        <source>Rules</source>
        <translation>Règles</translation>
    </message>
    <message>
        <source>Add a rule</source>
        <translation>Ajouter une règle</translation>
    </message>
    <message>
        <source>Customer field</source>
        <translation>Champ du client</translation>
    </message>
    <message>
        <source>What the rule looks at; metadata.&lt;key&gt; for a metadata value.</source>
        <translation>Ce que la règle examine ; metadata.&lt;clé&gt; pour une métadonnée.</translation>
    </message>
    <message>
        <source>Comparison</source>
        <translation>Comparaison</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>A value; for &quot;is one of&quot;, values separated by commas</source>
        <translation>Une valeur ; pour « est l&apos;un de », des valeurs séparées par des virgules</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <source>Remove this rule</source>
        <translation>Retirer cette règle</translation>
    </message>
</context>
<context>
    <name>remise::ui::SegmentListModel</name>
    <message>
        <source>Any rule</source>
        <translation>Au moins une règle</translation>
    </message>
    <message>
        <source>All rules</source>
        <translation>Toutes les règles</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Inconnu</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>Identifiant</translation>
    </message>
    <message>
        <source>Match</source>
        <translation>Correspondance</translation>
    </message>
    <message>
        <source>Rules</source>
        <translation>Règles</translation>
    </message>
    <message>
        <source>Local customers</source>
        <translation>Clients locaux</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Brouillon</translation>
    </message>
</context>
<context>
    <name>remise::ui::SegmentsPage</name>
    <message>
        <source>Segment actions</source>
        <translation>Actions sur les segments</translation>
    </message>
    <message>
        <source>Filter segments (Ctrl+F)</source>
        <translation>Filtrer les segments (Ctrl+F)</translation>
    </message>
    <message>
        <source>Filter segments</source>
        <translation>Filtrer les segments</translation>
    </message>
    <message>
        <source>Segments</source>
        <translation>Segments</translation>
    </message>
    <message>
        <source>No segments yet. Create one to target customers by loyalty tier, spend, country, tags or metadata.</source>
        <translation>Aucun segment pour l&apos;instant. Créez-en un pour cibler les clients par niveau de fidélité, dépenses, pays, étiquettes ou métadonnées.</translation>
    </message>
    <message>
        <source>Segment id</source>
        <translation>Identifiant du segment</translation>
    </message>
    <message>
        <source>&amp;Id</source>
        <translation>&amp;Identifiant</translation>
    </message>
    <message>
        <source>Segment name</source>
        <translation>Nom du segment</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Nom</translation>
    </message>
    <message>
        <source>How the rules combine</source>
        <translation>Comment les règles se combinent</translation>
    </message>
    <message>
        <source>Every rule must hold</source>
        <translation>Toutes les règles doivent être vraies</translation>
    </message>
    <message>
        <source>One rule is enough</source>
        <translation>Une seule règle suffit</translation>
    </message>
    <message>
        <source>&amp;Match</source>
        <translation>&amp;Correspondance</translation>
    </message>
    <message>
        <source>Rules</source>
        <translation>Règles</translation>
    </message>
    <message>
        <source>Currency of lifetime spend</source>
        <translation>Devise des dépenses cumulées</translation>
    </message>
    <message>
        <source>Spend counted in</source>
        <translation>Dépenses comptées en</translation>
    </message>
    <message>
        <source>Local customers</source>
        <translation>Clients locaux</translation>
    </message>
    <message>
        <source>Customer to test</source>
        <translation>Client à tester</translation>
    </message>
    <message>
        <source>Test a customer</source>
        <translation>Tester un client</translation>
    </message>
    <message>
        <source>&amp;New segment</source>
        <translation>&amp;Nouveau segment</translation>
    </message>
    <message>
        <source>&amp;Save to draft</source>
        <translation>&amp;Enregistrer dans le brouillon</translation>
    </message>
    <message>
        <source>&amp;Revert</source>
        <translation>&amp;Revenir</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Supprimer</translation>
    </message>
    <message>
        <source>&amp;Publish…</source>
        <translation>&amp;Publier…</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>Publié</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Modifications non enregistrées</translation>
    </message>
    <message>
        <source>New in the draft</source>
        <translation>Nouveau dans le brouillon</translation>
    </message>
    <message>
        <source>Changed in the draft</source>
        <translation>Modifié dans le brouillon</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n local customer(s) match.</source>
        <translation>
            <numerusform>Clients locaux qui correspondent : %1 sur %n.</numerusform>
            <numerusform>Clients locaux qui correspondent : %1 sur %n.</numerusform>
        </translation>
    </message>
    <message>
        <source>Fix the rules to count the customers who match.</source>
        <translation>Corrigez les règles pour compter les clients qui correspondent.</translation>
    </message>
    <message>
        <source>Import customers on the Customers page to test them here.</source>
        <translation>Importez des clients dans la page Clients pour les tester ici.</translation>
    </message>
    <message>
        <source>Fix the rules to test %1.</source>
        <translation>Corrigez les règles pour tester %1.</translation>
    </message>
    <message>
        <source>%1 matches this segment.</source>
        <translation>%1 correspond à ce segment.</translation>
    </message>
    <message>
        <source>%1 does not match this segment.</source>
        <translation>%1 ne correspond pas à ce segment.</translation>
    </message>
    <message>
        <source>The segment was not saved: %1</source>
        <translation>Le segment n&apos;a pas été enregistré : %1</translation>
    </message>
    <message>
        <source>The segment is deleted in the draft; publish to delete it for good.</source>
        <translation>Le segment est supprimé dans le brouillon ; publiez pour le supprimer définitivement.</translation>
    </message>
</context>
<context>
    <name>remise::ui::SessionDetail</name>
    <message>
        <source>&amp;Apply now</source>
        <translation>&amp;Appliquer maintenant</translation>
    </message>
    <message>
        <source>Decide again and update the session&apos;s discount in Stripe (%1)</source>
        <translation>Décider à nouveau et mettre à jour la remise de la session dans Stripe (%1)</translation>
    </message>
    <message>
        <source>&amp;Remove discount</source>
        <translation>&amp;Retirer la remise</translation>
    </message>
    <message>
        <source>Remove any discount from the session, whatever the rules say</source>
        <translation>Retirer toute remise de la session, quelles que soient les règles</translation>
    </message>
    <message>
        <source>&amp;Simulate with a code…</source>
        <translation>&amp;Simuler avec un code…</translation>
    </message>
    <message>
        <source>See what the session would get with a code; nothing is sent</source>
        <translation>Voir ce que la session obtiendrait avec un code ; rien n&apos;est envoyé</translation>
    </message>
    <message>
        <source>Remove discount</source>
        <translation>Retirer la remise</translation>
    </message>
    <message>
        <source>Remove the discount from %1? The customer sees the new total at once.</source>
        <translation>Retirer la remise de %1 ? Le client voit aussitôt le nouveau total.</translation>
    </message>
    <message>
        <source>Simulate with a code</source>
        <translation>Simuler avec un code</translation>
    </message>
    <message>
        <source>Code the customer would enter (nothing is sent to Stripe):</source>
        <translation>Code que le client saisirait (rien n&apos;est envoyé à Stripe) :</translation>
    </message>
    <message>
        <source>Select a session to see its cart, its customer and why each campaign does or does not apply.</source>
        <translation>Sélectionnez une session pour voir son panier, son client et pourquoi chaque campagne s&apos;applique ou non.</translation>
    </message>
    <message>
        <source>Cart</source>
        <translation>Panier</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Article</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Quantité</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>Prix unitaire</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Montant</translation>
    </message>
    <message>
        <source>Line items</source>
        <translation>Articles</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Current discount</source>
        <translation>Remise actuelle</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Décision</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>Campagne</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Pourquoi</translation>
    </message>
    <message>
        <source>Campaigns and their reasons</source>
        <translation>Campagnes et leurs raisons</translation>
    </message>
    <message>
        <source>Simulation</source>
        <translation>Simulation</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historique</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Qui</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Avant</translation>
    </message>
    <message>
        <source>After</source>
        <translation>Après</translation>
    </message>
    <message>
        <source>Activity of this session</source>
        <translation>Activité de cette session</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
    <message>
        <source>Cannot decide for this session.</source>
        <translation>Impossible de décider pour cette session.</translation>
    </message>
    <message>
        <source>created %1</source>
        <translation>créée le %1</translation>
    </message>
    <message>
        <source>expires %1</source>
        <translation>expire le %1</translation>
    </message>
    <message>
        <source>Subtotal %1 · Discount %2 · &lt;b&gt;Total %3&lt;/b&gt;</source>
        <translation>Sous-total %1 · Remise %2 · &lt;b&gt;Total %3&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Guest (no email yet)</source>
        <translation>Invité (pas encore d&apos;e-mail)</translation>
    </message>
    <message>
        <source>Stripe customer %1</source>
        <translation>Client Stripe %1</translation>
    </message>
    <message numerus="yes">
        <source>Local profile: %n order(s)</source>
        <translation>
            <numerusform>Profil local : %n commande</numerusform>
            <numerusform>Profil local : %n commandes</numerusform>
        </translation>
    </message>
    <message>
        <source>loyalty tier %1</source>
        <translation>niveau de fidélité %1</translation>
    </message>
    <message>
        <source>No local profile</source>
        <translation>Pas de profil local</translation>
    </message>
    <message>
        <source>Ships to %1</source>
        <translation>Livraison : %1</translation>
    </message>
    <message>
        <source>Billing: %1</source>
        <translation>Facturation : %1</translation>
    </message>
    <message>
        <source>No address yet</source>
        <translation>Pas encore d&apos;adresse</translation>
    </message>
    <message>
        <source>No discount.</source>
        <translation>Aucune remise.</translation>
    </message>
    <message>
        <source>A discount</source>
        <translation>Une remise</translation>
    </message>
    <message>
        <source>Set outside Remise (coupon %1).</source>
        <translation>Posée hors de Remise (coupon %1).</translation>
    </message>
    <message>
        <source>Set by Remise (decision %1).</source>
        <translation>Posée par Remise (décision %1).</translation>
    </message>
    <message>
        <source>Set by %1 on %2.</source>
        <translation>Posée par %1 le %2.</translation>
    </message>
    <message>
        <source>Remise decides %1 off (“%2”).</source>
        <translation>Remise décide %1 de remise (« %2 »).</translation>
    </message>
    <message>
        <source>No campaign applies: Remise decides no discount.</source>
        <translation>Aucune campagne ne s&apos;applique : Remise ne décide aucune remise.</translation>
    </message>
    <message>
        <source>The session already carries it; Apply now sends nothing.</source>
        <translation>La session la porte déjà ; Appliquer maintenant n&apos;enverra rien.</translation>
    </message>
    <message>
        <source>Apply now would change the session&apos;s discount.</source>
        <translation>Appliquer maintenant changerait la remise de la session.</translation>
    </message>
    <message>
        <source>Applies</source>
        <translation>S&apos;applique</translation>
    </message>
    <message>
        <source>Eligible</source>
        <translation>Éligible</translation>
    </message>
    <message>
        <source>Does not apply</source>
        <translation>Ne s&apos;applique pas</translation>
    </message>
    <message>
        <source>applied</source>
        <translation>appliquée</translation>
    </message>
    <message>
        <source>No update yet.</source>
        <translation>Aucune mise à jour pour le moment.</translation>
    </message>
    <message>
        <source>Updating the session in Stripe…</source>
        <translation>Mise à jour de la session dans Stripe…</translation>
    </message>
    <message>
        <source>Not updated: %1</source>
        <translation>Non mise à jour : %1</translation>
    </message>
    <message>
        <source>Applied %1 off. Stripe request %2, %3 ms.</source>
        <translation>Remise de %1 appliquée. Requête Stripe %2, %3 ms.</translation>
    </message>
    <message>
        <source>Discount removed. Stripe request %1.</source>
        <translation>Remise retirée. Requête Stripe %1.</translation>
    </message>
    <message>
        <source>Unchanged: the session already carries the right discount.</source>
        <translation>Inchangée : la session porte déjà la bonne remise.</translation>
    </message>
    <message>
        <source>Simulation with the code “%1”</source>
        <translation>Simulation avec le code « %1 »</translation>
    </message>
    <message>
        <source>Deciding…</source>
        <translation>Décision en cours…</translation>
    </message>
    <message>
        <source>With this code: %1 off (“%2”). Nothing was sent.</source>
        <translation>Avec ce code : %1 de remise (« %2 »). Rien n&apos;a été envoyé.</translation>
    </message>
    <message>
        <source>With this code: no discount. Nothing was sent.</source>
        <translation>Avec ce code : aucune remise. Rien n&apos;a été envoyé.</translation>
    </message>
</context>
<context>
    <name>remise::ui::SessionsModel</name>
    <message>
        <source>Guest</source>
        <translation>Invité</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Session</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Créée</translation>
    </message>
    <message>
        <source>Subtotal</source>
        <translation>Sous-total</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>Remise</translation>
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
        <translation>&amp;Actualiser</translation>
    </message>
    <message>
        <source>Read every session from Stripe again (%1)</source>
        <translation>Relire toutes les sessions depuis Stripe (%1)</translation>
    </message>
    <message>
        <source>S&amp;tatus:</source>
        <translation>S&amp;tatut :</translation>
    </message>
    <message>
        <source>Status filter</source>
        <translation>Filtre par statut</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Toutes</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Ouverte</translation>
    </message>
    <message>
        <source>Complete</source>
        <translation>Terminée</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Expirée</translation>
    </message>
    <message>
        <source>Search by email or session id (Ctrl+F)</source>
        <translation>Rechercher par e-mail ou identifiant de session (Ctrl+F)</translation>
    </message>
    <message>
        <source>Search sessions</source>
        <translation>Rechercher des sessions</translation>
    </message>
    <message>
        <source>&amp;Auto-refresh</source>
        <translation>Actualisation a&amp;utomatique</translation>
    </message>
    <message>
        <source>Re-read the newest sessions regularly, within Stripe&apos;s rate limits</source>
        <translation>Relire régulièrement les sessions les plus récentes, dans les limites de débit de Stripe</translation>
    </message>
    <message>
        <source>Loading sessions</source>
        <translation>Chargement des sessions</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Checkout Sessions</source>
        <translation>Sessions Checkout</translation>
    </message>
    <message>
        <source>Reading sessions from Stripe…</source>
        <translation>Lecture des sessions depuis Stripe…</translation>
    </message>
    <message>
        <source>No session matches the filter.</source>
        <translation>Aucune session ne correspond au filtre.</translation>
    </message>
    <message numerus="yes">
        <source>Stopped: %n session(s) shown.</source>
        <translation>
            <numerusform>Arrêté : %n session affichée.</numerusform>
            <numerusform>Arrêté : %n sessions affichées.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reading sessions from Stripe… %n read</source>
        <translation>
            <numerusform>Lecture des sessions depuis Stripe… %n lue</numerusform>
            <numerusform>Lecture des sessions depuis Stripe… %n lues</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Stripe is limiting requests (429). Waiting %n second(s) before the next refresh.</source>
        <translation>
            <numerusform>Stripe limite les requêtes (429). Attente de %n seconde avant la prochaine actualisation.</numerusform>
            <numerusform>Stripe limite les requêtes (429). Attente de %n secondes avant la prochaine actualisation.</numerusform>
        </translation>
    </message>
    <message>
        <source>Rate limited by Stripe</source>
        <translation>Débit limité par Stripe</translation>
    </message>
    <message>
        <source>Could not read sessions: %1</source>
        <translation>Impossible de lire les sessions : %1</translation>
    </message>
    <message>
        <source>Stripe unreachable</source>
        <translation>Stripe injoignable</translation>
    </message>
    <message numerus="yes">
        <source>%n session(s), updated at %1.</source>
        <translation>
            <numerusform>%n session, actualisée à %1.</numerusform>
            <numerusform>%n sessions, actualisées à %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Connecté</translation>
    </message>
    <message>
        <source>Not connected to Stripe.
Add a Stripe test key in Settings, or start the demo (remise --demo).</source>
        <translation>Non connecté à Stripe.
Ajoutez une clé Stripe de test dans les Réglages, ou lancez la démo (remise --demo).</translation>
    </message>
    <message>
        <source>No Checkout Sessions yet.
Sessions your storefront creates appear here.</source>
        <translation>Aucune session Checkout pour le moment.
Les sessions créées par votre boutique apparaissent ici.</translation>
    </message>
</context>
<context>
    <name>remise::ui::SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation>Réglages</translation>
    </message>
    <message>
        <source>Save and &amp;reconnect</source>
        <translation>Enregistrer et &amp;reconnecter</translation>
    </message>
    <message>
        <source>&lt;b&gt;Demo.&lt;/b&gt; The app runs on its own local sandbox and a demo database; nothing here reaches Stripe. Settings you save apply when you start Remise without --demo.</source>
        <translation>&lt;b&gt;Démo.&lt;/b&gt; L&apos;application tourne sur son propre bac à sable local et une base de démonstration ; rien ici n&apos;atteint Stripe. Les réglages enregistrés s&apos;appliquent quand vous lancez Remise sans --demo.</translation>
    </message>
    <message>
        <source>Stripe secret key</source>
        <translation>Clé secrète Stripe</translation>
    </message>
    <message>
        <source>In use:</source>
        <translation>Utilisée :</translation>
    </message>
    <message>
        <source>Stored in:</source>
        <translation>Conservée dans :</translation>
    </message>
    <message>
        <source>New Stripe secret key</source>
        <translation>Nouvelle clé secrète Stripe</translation>
    </message>
    <message>
        <source>&amp;Save key</source>
        <translation>&amp;Enregistrer la clé</translation>
    </message>
    <message>
        <source>&amp;Forget key</source>
        <translation>&amp;Oublier la clé</translation>
    </message>
    <message>
        <source>New &amp;key:</source>
        <translation>Nouvelle &amp;clé :</translation>
    </message>
    <message>
        <source>Allow &amp;live keys (sk_live_…): updates then change real customers&apos; checkouts</source>
        <translation>Autoriser les clés &amp;live (sk_live_…) : les mises à jour modifient alors les paiements de vrais clients</translation>
    </message>
    <message>
        <source>Key removed from the keychain and the key file.</source>
        <translation>Clé retirée du trousseau et du fichier de clé.</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Connexion</translation>
    </message>
    <message>
        <source>Stripe &amp;API base:</source>
        <translation>Base de l&apos;&amp;API Stripe :</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Parcourir…</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Base de données</translation>
    </message>
    <message>
        <source>SQLite databases (*.db)</source>
        <translation>Bases SQLite (*.db)</translation>
    </message>
    <message>
        <source>&amp;Database:</source>
        <translation>&amp;Base de données :</translation>
    </message>
    <message>
        <source>&amp;Service address:</source>
        <translation>Adresse du &amp;service :</translation>
    </message>
    <message>
        <source>Where remise-server serve listens for your storefront. The app and the service share the database and decide the same way.</source>
        <translation>Où remise-server serve écoute votre boutique. L&apos;application et le service partagent la base et décident de la même façon.</translation>
    </message>
    <message>
        <source>Allow live keys</source>
        <translation>Autoriser les clés live</translation>
    </message>
    <message>
        <source>With a live key, Apply now and Remove discount change what real customers pay. Allow live keys?</source>
        <translation>Avec une clé live, Appliquer maintenant et Retirer la remise changent ce que paient de vrais clients. Autoriser les clés live ?</translation>
    </message>
    <message>
        <source>The demo key of the local sandbox (%1).</source>
        <translation>La clé de démo du bac à sable local (%1).</translation>
    </message>
    <message>
        <source>%1 — %2, %3.</source>
        <translation>%1 — %2, %3.</translation>
    </message>
    <message>
        <source>LIVE mode</source>
        <translation>mode LIVE</translation>
    </message>
    <message>
        <source>test mode</source>
        <translation>mode test</translation>
    </message>
    <message>
        <source>Set by %1, which wins over a saved key.</source>
        <translation>Définie par %1, qui l&apos;emporte sur une clé enregistrée.</translation>
    </message>
    <message>
        <source>Unusable key (%1): %2</source>
        <translation>Clé inutilisable (%1) : %2</translation>
    </message>
    <message>
        <source>No key yet.</source>
        <translation>Pas encore de clé.</translation>
    </message>
    <message>
        <source>The system keychain. A key you save goes there, never into the database or a settings file.</source>
        <translation>Le trousseau du système. Une clé enregistrée y va, jamais dans la base de données ni dans un fichier de réglages.</translation>
    </message>
    <message>
        <source>&lt;b&gt;No system keychain is available here&lt;/b&gt; (%1). A key you save is kept instead in &lt;tt&gt;%2&lt;/tt&gt;, a file only you can read (mode 0600); or set REMISE_STRIPE_SECRET_KEY in the environment. It never goes into the database or a settings file.</source>
        <translation>&lt;b&gt;Aucun trousseau système n&apos;est disponible ici&lt;/b&gt; (%1). Une clé enregistrée est conservée à la place dans &lt;tt&gt;%2&lt;/tt&gt;, un fichier que vous seul pouvez lire (mode 0600) ; ou définissez REMISE_STRIPE_SECRET_KEY dans l&apos;environnement. Elle ne va jamais dans la base de données ni dans un fichier de réglages.</translation>
    </message>
    <message>
        <source>This is a live key. Tick “Allow live keys” first if you really mean to change real customers&apos; checkouts.</source>
        <translation>C&apos;est une clé live. Cochez d&apos;abord « Autoriser les clés live » si vous voulez vraiment modifier les paiements de vrais clients.</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Non enregistrée : %1</translation>
    </message>
    <message>
        <source>Saved in the system keychain.</source>
        <translation>Enregistrée dans le trousseau du système.</translation>
    </message>
    <message>
        <source>No keychain here: saved in %1, readable only by you.</source>
        <translation>Pas de trousseau ici : enregistrée dans %1, lisible par vous seul.</translation>
    </message>
    <message>
        <source>The API base must be an http(s) URL.</source>
        <translation>La base de l&apos;API doit être une URL http(s).</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Enregistré.</translation>
    </message>
</context>
<context>
    <name>remise::ui::SimulatorPage</name>
    <message>
        <source>Cart</source>
        <translation>Panier</translation>
    </message>
    <message>
        <source>Load a Checkout Session file…</source>
        <translation>Charger un fichier de session Checkout…</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Devise</translation>
    </message>
    <message>
        <source>Add a line item</source>
        <translation>Ajouter un article</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Local customer profile</source>
        <translation>Profil client local</translation>
    </message>
    <message>
        <source>Load a customer file…</source>
        <translation>Charger un fichier client…</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Stripe customer id</source>
        <translation>Identifiant du client Stripe</translation>
    </message>
    <message>
        <source>Shipping country</source>
        <translation>Pays de livraison</translation>
    </message>
    <message>
        <source>FR</source>
        <translation>FR</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <source>Stripe customer</source>
        <translation>Client Stripe</translation>
    </message>
    <message>
        <source>When and how</source>
        <translation>Quand et comment</translation>
    </message>
    <message>
        <source>Date and time</source>
        <translation>Date et heure</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Fuseau horaire</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>No code</source>
        <translation>Aucun code</translation>
    </message>
    <message>
        <source>Rules</source>
        <translation>Règles</translation>
    </message>
    <message>
        <source>The live rules</source>
        <translation>Les règles en vigueur</translation>
    </message>
    <message>
        <source>The draft</source>
        <translation>Le brouillon</translation>
    </message>
    <message>
        <source>&amp;Simulate</source>
        <translation>&amp;Simuler</translation>
    </message>
    <message>
        <source>Build a cart, pick a customer and a time, then press Simulate.</source>
        <translation>Composez un panier, choisissez un client et un moment, puis appuyez sur Simuler.</translation>
    </message>
    <message>
        <source>Every campaign&apos;s result</source>
        <translation>Le résultat de chaque campagne</translation>
    </message>
    <message>
        <source>Every open test session at this time</source>
        <translation>Chaque session de test ouverte à ce moment</translation>
    </message>
    <message>
        <source>Run on open sessions</source>
        <translation>Lancer sur les sessions ouvertes</translation>
    </message>
    <message>
        <source>Decides every open test session with the live rules and the draft. Nothing is written to Stripe or to the database.</source>
        <translation>Décide chaque session de test ouverte avec les règles en vigueur et avec le brouillon. Rien n&apos;est écrit dans Stripe ni dans la base de données.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Session</translation>
    </message>
    <message>
        <source>Subtotal</source>
        <translation>Sous-total</translation>
    </message>
    <message>
        <source>Live rules</source>
        <translation>Règles en vigueur</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Brouillon</translation>
    </message>
    <message>
        <source>Load a Checkout Session</source>
        <translation>Charger une session Checkout</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>Fichiers JSON (*.json)</translation>
    </message>
    <message>
        <source>Load a customer profile</source>
        <translation>Charger un profil client</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Article</translation>
    </message>
    <message>
        <source>Connect a Stripe test key (or start the demo) to run on open sessions.</source>
        <translation>Connectez une clé de test Stripe (ou lancez la démo) pour lancer sur les sessions ouvertes.</translation>
    </message>
    <message>
        <source>No local profile</source>
        <translation>Pas de profil local</translation>
    </message>
    <message>
        <source>From the file: %1</source>
        <translation>Depuis le fichier : %1</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Stripe product id</source>
        <translation>Identifiant du produit Stripe</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>Prix unitaire</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Quantité</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <source>Remove this line item</source>
        <translation>Retirer cet article</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>Impossible de lire %1 : %2</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a currency code such as eur or usd.</source>
        <translation>« %1 » n&apos;est pas un code de devise comme eur ou usd.</translation>
    </message>
    <message>
        <source>The simulation could not run: %1</source>
        <translation>La simulation n&apos;a pas pu s&apos;exécuter : %1</translation>
    </message>
    <message>
        <source>%1 off a cart of %2: %3. Decided as of %4.</source>
        <translation>%1 de remise sur un panier de %2 : %3. Décidé au %4.</translation>
    </message>
    <message>
        <source>No discount for a cart of %1. Decided as of %2.</source>
        <translation>Aucune remise pour un panier de %1. Décidé au %2.</translation>
    </message>
    <message>
        <source>The draft has problems; fix them to compare: %1</source>
        <translation>Le brouillon a des problèmes ; corrigez-les pour comparer : %1</translation>
    </message>
    <message numerus="yes">
        <source>%n open session(s) decided; nothing was written.</source>
        <translation>
            <numerusform>%n session ouverte décidée ; rien n&apos;a été écrit.</numerusform>
            <numerusform>%n sessions ouvertes décidées ; rien n&apos;a été écrit.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>remise::ui::TiersEdit</name>
    <message>
        <source>Tiers</source>
        <translation>Paliers</translation>
    </message>
    <message>
        <source>Add a tier</source>
        <translation>Ajouter un palier</translation>
    </message>
    <message>
        <source>Tier %1</source>
        <translation>Palier %1</translation>
    </message>
    <message>
        <source>the tier&apos;s minimum subtotal</source>
        <translation>le sous-total minimum du palier</translation>
    </message>
    <message>
        <source>An amount off</source>
        <translation>Un montant de remise</translation>
    </message>
    <message>
        <source>A percentage off</source>
        <translation>Un pourcentage de remise</translation>
    </message>
    <message>
        <source>Kind of tier discount</source>
        <translation>Type de remise du palier</translation>
    </message>
    <message>
        <source>the tier&apos;s amount off</source>
        <translation>le montant de remise du palier</translation>
    </message>
    <message>
        <source>Tier percentage</source>
        <translation>Pourcentage du palier</translation>
    </message>
    <message>
        <source>From a subtotal of</source>
        <translation>À partir d&apos;un sous-total de</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>Remise</translation>
    </message>
    <message>
        <source>Amount off</source>
        <translation>Montant de remise</translation>
    </message>
    <message>
        <source>Percentage off</source>
        <translation>Pourcentage de remise</translation>
    </message>
    <message>
        <source>Remove this tier</source>
        <translation>Retirer ce palier</translation>
    </message>
</context>
<context>
    <name>remise::ui::UsageBars</name>
    <message>
        <source>Budget and cap use per campaign</source>
        <translation>Consommation des budgets et plafonds par campagne</translation>
    </message>
</context>
</TS>
