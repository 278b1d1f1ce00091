<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>LoginDialog</name>
    <message>
        <source>Sign in to Vigil</source>
        <translation>Se connecter à Vigil</translation>
    </message>
    <message>
        <source>Sign in with your hospital account to receive the alerts of your ward.</source>
        <translation>Connectez-vous avec votre compte hospitalier pour recevoir les alertes de votre service.</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Serveur :</translation>
    </message>
    <message>
        <source>https://vigil.hospital.example</source>
        <translation>https://vigil.hospital.example</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Adresse du serveur</translation>
    </message>
    <message>
        <source>The address of the Vigil server, starting with https:// or http://</source>
        <translation>L’adresse du serveur Vigil, commençant par https:// ou http://</translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation>&amp;Nom d’utilisateur :</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Nom d’utilisateur</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Mot de passe :</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <source>&amp;Remember me on this computer</source>
        <translation>Se &amp;souvenir de moi sur cet ordinateur</translation>
    </message>
    <message>
        <source>Keeps the sign-in in the system keychain until you sign out</source>
        <translation>Conserve la connexion dans le trousseau du système jusqu’à votre déconnexion</translation>
    </message>
    <message>
        <source>Sign-in error</source>
        <translation>Erreur de connexion</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Vigil</source>
        <translation>Vigil</translation>
    </message>
    <message>
        <source>Communication loss alarm</source>
        <translation>Alarme de perte de communication</translation>
    </message>
    <message>
        <source>Signed out: this station is not receiving alerts.</source>
        <translation>Déconnecté : ce poste ne reçoit pas d’alertes.</translation>
    </message>
    <message>
        <source>&amp;Sign in…</source>
        <translation>&amp;Se connecter…</translation>
    </message>
    <message>
        <source>Connection state</source>
        <translation>État de la connexion</translation>
    </message>
    <message>
        <source>Active alerts:</source>
        <translation>Alertes actives :</translation>
    </message>
    <message>
        <source>Mark all &amp;reviewed</source>
        <translation>Tout marquer comme &amp;consulté</translation>
    </message>
    <message>
        <source>Followed rooms</source>
        <translation>Salles suivies</translation>
    </message>
    <message>
        <source>Rooms this station follows and whether the server joined them</source>
        <translation>Salles suivies par ce poste et si le serveur les a rejointes</translation>
    </message>
    <message>
        <source>Add &amp;room:</source>
        <translation>Ajouter une &amp;salle :</translation>
    </message>
    <message>
        <source>patient_42, hospital_123, triage_queue</source>
        <translation>patient_42, hospital_123, triage_queue</translation>
    </message>
    <message>
        <source>Room to follow</source>
        <translation>Salle à suivre</translation>
    </message>
    <message>
        <source>A room name such as patient_42, hospital_123 or triage_queue</source>
        <translation>Un nom de salle comme patient_42, hospital_123 ou triage_queue</translation>
    </message>
    <message>
        <source>&amp;Follow</source>
        <translation>S&amp;uivre</translation>
    </message>
    <message>
        <source>S&amp;top following</source>
        <translation>Ne plus sui&amp;vre</translation>
    </message>
    <message>
        <source>Server status</source>
        <translation>État du serveur</translation>
    </message>
    <message>
        <source>Pr&amp;iority:</source>
        <translation>Pr&amp;iorité :</translation>
    </message>
    <message>
        <source>Priority filter</source>
        <translation>Filtre de priorité</translation>
    </message>
    <message>
        <source>St&amp;ate:</source>
        <translation>É&amp;tat :</translation>
    </message>
    <message>
        <source>State filter</source>
        <translation>Filtre d’état</translation>
    </message>
    <message>
        <source>R&amp;oom:</source>
        <translation>Sa&amp;lle :</translation>
    </message>
    <message>
        <source>Room filter</source>
        <translation>Filtre de salle</translation>
    </message>
    <message>
        <source>Search title, message, patient, type (Ctrl+F)</source>
        <translation>Rechercher titre, message, patient, type (Ctrl+F)</translation>
    </message>
    <message>
        <source>Search alerts</source>
        <translation>Rechercher des alertes</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>Alertes</translation>
    </message>
    <message>
        <source>All alerts of the followed rooms; unacknowledged and high priority first</source>
        <translation>Toutes les alertes des salles suivies ; non acquittées et haute priorité en premier</translation>
    </message>
    <message>
        <source>Triage queue</source>
        <translation>File de triage</translation>
    </message>
    <message>
        <source>Patients waiting, most urgent acuity first, then longest waiting</source>
        <translation>Patients en attente, niveau le plus urgent d’abord, puis attente la plus longue</translation>
    </message>
    <message>
        <source>Alert details</source>
        <translation>Détails de l’alerte</translation>
    </message>
    <message>
        <source>&amp;Acknowledge (Ctrl+K)</source>
        <translation>&amp;Acquitter (Ctrl+K)</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>Acquitter</translation>
    </message>
    <message>
        <source>Acknowledges the selected alerts on every station</source>
        <translation>Acquitte les alertes sélectionnées sur tous les postes</translation>
    </message>
    <message>
        <source>Mark re&amp;viewed</source>
        <translation>Marquer comme co&amp;nsultée</translation>
    </message>
    <message>
        <source>&amp;Station</source>
        <translation>&amp;Poste</translation>
    </message>
    <message>
        <source>&amp;Alerts</source>
        <translation>&amp;Alertes</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>A&amp;ffichage</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Ai&amp;de</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>Se &amp;déconnecter</translation>
    </message>
    <message>
        <source>&amp;Reconnect now</source>
        <translation>&amp;Reconnecter maintenant</translation>
    </message>
    <message>
        <source>F5</source>
        <translation>F5</translation>
    </message>
    <message>
        <source>Try to reach the server now instead of waiting for the next attempt</source>
        <translation>Joindre le serveur maintenant au lieu d’attendre la prochaine tentative</translation>
    </message>
    <message>
        <source>S&amp;ettings…</source>
        <translation>Paramètr&amp;es…</translation>
    </message>
    <message>
        <source>Ctrl+,</source>
        <translation>Ctrl+,</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>Ctrl+Q</source>
        <translation>Ctrl+Q</translation>
    </message>
    <message>
        <source>&amp;Acknowledge</source>
        <translation>&amp;Acquitter</translation>
    </message>
    <message>
        <source>Ctrl+K</source>
        <translation>Ctrl+K</translation>
    </message>
    <message>
        <source>Acknowledge the selected alerts (Ctrl+K)</source>
        <translation>Acquitter les alertes sélectionnées (Ctrl+K)</translation>
    </message>
    <message>
        <source>Mark as re&amp;viewed</source>
        <translation>Marquer comme co&amp;nsultée</translation>
    </message>
    <message>
        <source>Ctrl+R</source>
        <translation>Ctrl+R</translation>
    </message>
    <message>
        <source>Mark &amp;all as reviewed</source>
        <translation>Tout &amp;marquer comme consulté</translation>
    </message>
    <message>
        <source>Ctrl+Shift+R</source>
        <translation>Ctrl+Shift+R</translation>
    </message>
    <message>
        <source>&amp;Copy details</source>
        <translation>&amp;Copier les détails</translation>
    </message>
    <message>
        <source>Ctrl+C</source>
        <translation>Ctrl+C</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>&amp;Rechercher…</translation>
    </message>
    <message>
        <source>Ctrl+F</source>
        <translation>Ctrl+F</translation>
    </message>
    <message>
        <source>C&amp;lear filters</source>
        <translation>&amp;Effacer les filtres</translation>
    </message>
    <message>
        <source>Ctrl+Shift+L</source>
        <translation>Ctrl+Shift+L</translation>
    </message>
    <message>
        <source>&amp;Default order (urgent first)</source>
        <translation>Ordre par &amp;défaut (urgent d’abord)</translation>
    </message>
    <message>
        <source>Ctrl+D</source>
        <translation>Ctrl+D</translation>
    </message>
    <message>
        <source>Ctrl+1</source>
        <translation>Ctrl+1</translation>
    </message>
    <message>
        <source>&amp;Triage queue</source>
        <translation>&amp;File de triage</translation>
    </message>
    <message>
        <source>Ctrl+2</source>
        <translation>Ctrl+2</translation>
    </message>
    <message>
        <source>&amp;Rooms</source>
        <translation>&amp;Salles</translation>
    </message>
    <message>
        <source>Ctrl+3</source>
        <translation>Ctrl+3</translation>
    </message>
    <message>
        <source>Alert &amp;details</source>
        <translation>&amp;Détails de l’alerte</translation>
    </message>
    <message>
        <source>Ctrl+4</source>
        <translation>Ctrl+4</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Raccourcis clavier</translation>
    </message>
    <message>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <source>&amp;About Vigil</source>
        <translation>À &amp;propos de Vigil</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Vigil Settings</source>
        <translation>Paramètres de Vigil</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Connexion</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Serveur :</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Adresse du serveur</translation>
    </message>
    <message>
        <source>https://vigil.hospital.example</source>
        <translation>https://vigil.hospital.example</translation>
    </message>
    <message>
        <source>Request &amp;timeout:</source>
        <translation>&amp;Délai des requêtes :</translation>
    </message>
    <message>
        <source>Request timeout in seconds</source>
        <translation>Délai des requêtes en secondes</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>&amp;CA certificates:</source>
        <translation>Certificats d’&amp;AC :</translation>
    </message>
    <message>
        <source>CA certificate file</source>
        <translation>Fichier de certificats d’AC</translation>
    </message>
    <message>
        <source>System certificates only</source>
        <translation>Certificats du système uniquement</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Parcourir…</translation>
    </message>
    <message>
        <source>Choose a CA certificate file</source>
        <translation>Choisir un fichier de certificats d’AC</translation>
    </message>
    <message>
        <source>Reconnection</source>
        <translation>Reconnexion</translation>
    </message>
    <message>
        <source>A&amp;ttempts per outage:</source>
        <translation>&amp;Tentatives par coupure :</translation>
    </message>
    <message>
        <source>Reconnection attempts per outage</source>
        <translation>Tentatives de reconnexion par coupure</translation>
    </message>
    <message>
        <source>Unlimited</source>
        <translation>Illimité</translation>
    </message>
    <message>
        <source>First &amp;delay:</source>
        <translation>Pre&amp;mier délai :</translation>
    </message>
    <message>
        <source>First reconnection delay in seconds</source>
        <translation>Premier délai de reconnexion en secondes</translation>
    </message>
    <message>
        <source>&amp;Longest delay:</source>
        <translation>Délai ma&amp;ximal :</translation>
    </message>
    <message>
        <source>Longest reconnection delay in seconds</source>
        <translation>Délai de reconnexion maximal en secondes</translation>
    </message>
    <message>
        <source>Alarms</source>
        <translation>Alarmes</translation>
    </message>
    <message>
        <source>&amp;Communication-loss alarm after:</source>
        <translation>Alarme de perte de &amp;communication après :</translation>
    </message>
    <message>
        <source>Communication-loss alarm delay in seconds</source>
        <translation>Délai de l’alarme de perte de communication en secondes</translation>
    </message>
    <message>
        <source>How long the station may be without live data before the red banner and the alarm sound start</source>
        <translation>Durée pendant laquelle le poste peut rester sans données en direct avant le bandeau rouge et le son d’alarme</translation>
    </message>
    <message>
        <source>Play &amp;sounds for alarms and new high-priority alerts</source>
        <translation>Jouer des &amp;sons pour les alarmes et les nouvelles alertes de haute priorité</translation>
    </message>
    <message>
        <source>Display</source>
        <translation>Affichage</translation>
    </message>
    <message>
        <source>La&amp;nguage:</source>
        <translation>La&amp;ngue :</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>Server, certificate and reconnection changes apply at the next sign-in. A new language applies when Vigil is restarted.</source>
        <translation>Les changements de serveur, de certificats et de reconnexion s’appliquent à la prochaine connexion. Une nouvelle langue s’applique au redémarrage de Vigil.</translation>
    </message>
</context>
<context>
    <name>vigil::console::AlertDetailWidget</name>
    <message>
        <source>Alert details</source>
        <translation>Détails de l’alerte</translation>
    </message>
    <message>
        <source>No alert selected</source>
        <translation>Aucune alerte sélectionnée</translation>
    </message>
    <message>
        <source>Select an alert in the table to see its message, data and history.</source>
        <translation>Sélectionnez une alerte dans le tableau pour voir son message, ses données et son historique.</translation>
    </message>
    <message numerus="yes">
        <source>(%n more values not shown)</source>
        <translation>
            <numerusform>(%n autre valeur non affichée)</numerusform>
            <numerusform>(%n autres valeurs non affichées)</numerusform>
        </translation>
    </message>
    <message>
        <source>Risk score %1</source>
        <translation>Score de risque %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>%1  Raised (%2)</source>
        <translation>%1  Déclenchée (%2)</translation>
    </message>
    <message>
        <source>Held back by the server&apos;s rate limit and fetched from history</source>
        <translation>Retenue par la limite de débit du serveur et récupérée dans l’historique</translation>
    </message>
    <message>
        <source>Arrived while this station was offline</source>
        <translation>Arrivée pendant que ce poste était hors ligne</translation>
    </message>
    <message>
        <source>%1  Acknowledged</source>
        <translation>%1  Acquittée</translation>
    </message>
    <message>
        <source>%1  Acknowledged by %2</source>
        <translation>%1  Acquittée par %2</translation>
    </message>
    <message>
        <source>%1  Active again (seen by this station)</source>
        <translation>%1  De nouveau active (vu par ce poste)</translation>
    </message>
    <message>
        <source>%1  Acknowledged (seen by this station)</source>
        <translation>%1  Acquittée (vu par ce poste)</translation>
    </message>
    <message>
        <source>%1  Acknowledged by %2 (seen by this station)</source>
        <translation>%1  Acquittée par %2 (vu par ce poste)</translation>
    </message>
    <message>
        <source>%1  Resolved (seen by this station)</source>
        <translation>%1  Résolue (vu par ce poste)</translation>
    </message>
    <message>
        <source>Arrived while this station was offline.</source>
        <translation>Arrivée pendant que ce poste était hors ligne.</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Données</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <source>Hospital</source>
        <translation>Hôpital</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>not given</source>
        <translation>non indiquée</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Acknowledged by</source>
        <translation>Acquittée par</translation>
    </message>
    <message>
        <source>Alert id</source>
        <translation>Identifiant de l’alerte</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historique</translation>
    </message>
</context>
<context>
    <name>vigil::console::AlertTableModel</name>
    <message>
        <source>Arrived while this station was offline; not reviewed yet</source>
        <translation>Arrivée pendant que ce poste était hors ligne ; pas encore consultée</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priorité</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <source>Hospital</source>
        <translation>Hôpital</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Acknowledged by</source>
        <translation>Acquittée par</translation>
    </message>
    <message>
        <source>Acknowledged at</source>
        <translation>Acquittée à</translation>
    </message>
    <message>
        <source>*** High</source>
        <translation>*** Haute</translation>
    </message>
    <message>
        <source>** Medium</source>
        <translation>** Moyenne</translation>
    </message>
    <message>
        <source>* Low</source>
        <translation>* Basse</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>Info</translation>
    </message>
    <message>
        <source>High priority</source>
        <translation>Priorité haute</translation>
    </message>
    <message>
        <source>Medium priority</source>
        <translation>Priorité moyenne</translation>
    </message>
    <message>
        <source>Low priority</source>
        <translation>Priorité basse</translation>
    </message>
    <message>
        <source>Information</source>
        <translation>Information</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>Acquittée</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Résolue</translation>
    </message>
    <message>
        <source>Sepsis risk</source>
        <translation>Risque de sepsis</translation>
    </message>
    <message>
        <source>Deterioration</source>
        <translation>Dégradation</translation>
    </message>
    <message>
        <source>Vitals</source>
        <translation>Constantes</translation>
    </message>
    <message>
        <source>Technical</source>
        <translation>Technique</translation>
    </message>
</context>
<context>
    <name>vigil::console::ConnectionStatus</name>
    <message>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message>
        <source>Signed out: this station receives no alerts</source>
        <translation>Déconnecté : ce poste ne reçoit aucune alerte</translation>
    </message>
    <message>
        <source>Offline since %1: automatic reconnection stopped (F5 retries)</source>
        <translation>Hors ligne depuis %1 : reconnexion automatique arrêtée (F5 pour réessayer)</translation>
    </message>
    <message numerus="yes">
        <source>Offline since %1. Reconnecting: attempt %2, next try in %n s</source>
        <translation>
            <numerusform>Hors ligne depuis %1. Reconnexion : tentative %2, prochaine dans %n s</numerusform>
            <numerusform>Hors ligne depuis %1. Reconnexion : tentative %2, prochaine dans %n s</numerusform>
        </translation>
    </message>
    <message>
        <source>Offline since %1. Reconnecting: attempt %2…</source>
        <translation>Hors ligne depuis %1. Reconnexion : tentative %2…</translation>
    </message>
    <message>
        <source>Connecting to the server…</source>
        <translation>Connexion au serveur…</translation>
    </message>
    <message>
        <source>Offline since %1</source>
        <translation>Hors ligne depuis %1</translation>
    </message>
    <message>
        <source>Connected: joining rooms…</source>
        <translation>Connecté : accès aux salles…</translation>
    </message>
    <message numerus="yes">
        <source>Connected: catching up on missed alerts (%n fetched)…</source>
        <translation>
            <numerusform>Connecté : récupération des alertes manquées (%n reçue)…</numerusform>
            <numerusform>Connecté : récupération des alertes manquées (%n reçues)…</numerusform>
        </translation>
    </message>
    <message>
        <source>Live: receiving alerts</source>
        <translation>En direct : réception des alertes</translation>
    </message>
    <message>
        <source>Stale: no data since %1</source>
        <translation>Périmé : aucune donnée depuis %1</translation>
    </message>
    <message>
        <source>SIGNED OUT</source>
        <translation>DÉCONNECTÉ</translation>
    </message>
    <message>
        <source>LIVE</source>
        <translation>EN DIRECT</translation>
    </message>
    <message>
        <source>CONNECTING</source>
        <translation>CONNEXION</translation>
    </message>
    <message>
        <source>STALE</source>
        <translation>PÉRIMÉ</translation>
    </message>
    <message>
        <source>OFFLINE</source>
        <translation>HORS LIGNE</translation>
    </message>
    <message>
        <source>NO DATA FROM THE SERVER: ALERTS MAY BE MISSING</source>
        <translation>AUCUNE DONNÉE DU SERVEUR : DES ALERTES PEUVENT MANQUER</translation>
    </message>
    <message>
        <source>NOT LIVE YET: ALERTS MAY BE MISSING</source>
        <translation>PAS ENCORE EN DIRECT : DES ALERTES PEUVENT MANQUER</translation>
    </message>
    <message>
        <source>COMMUNICATION LOST: THIS STATION IS NOT RECEIVING ALERTS</source>
        <translation>COMMUNICATION PERDUE : CE POSTE NE REÇOIT PAS D’ALERTES</translation>
    </message>
    <message>
        <source>Last data received: %1</source>
        <translation>Dernières données reçues : %1</translation>
    </message>
    <message>
        <source>Check on your patients directly until this banner clears.</source>
        <translation>Surveillez directement vos patients jusqu’à la disparition de ce bandeau.</translation>
    </message>
</context>
<context>
    <name>vigil::console::ConsoleController</name>
    <message>
        <source>not signed in</source>
        <translation>non connecté</translation>
    </message>
    <message>
        <source>Signing in to %1…</source>
        <translation>Connexion à %1…</translation>
    </message>
    <message>
        <source>Could not keep the sign-in in the system keychain: %1</source>
        <translation>Impossible de conserver la connexion dans le trousseau du système : %1</translation>
    </message>
    <message>
        <source>Resuming the saved sign-in of %1…</source>
        <translation>Reprise de la connexion enregistrée de %1…</translation>
    </message>
    <message>
        <source>The system keychain could not be read (%1). Please sign in.</source>
        <translation>Le trousseau du système n’a pas pu être lu (%1). Veuillez vous connecter.</translation>
    </message>
    <message>
        <source>Your saved sign-in has expired. Please sign in again.</source>
        <translation>Votre connexion enregistrée a expiré. Veuillez vous reconnecter.</translation>
    </message>
    <message>
        <source>The CA certificate file cannot be used: %1</source>
        <translation>Le fichier de certificats d’AC est inutilisable : %1</translation>
    </message>
    <message>
        <source>Room %1 is not followed: %2</source>
        <translation>La salle %1 n’est pas suivie : %2</translation>
    </message>
    <message>
        <source>Catching up on missed alerts failed (%1); retrying.</source>
        <translation>La récupération des alertes manquées a échoué (%1) ; nouvel essai.</translation>
    </message>
    <message>
        <source>The server no longer accepts this sign-in (%1). Please sign in again.</source>
        <translation>Le serveur n’accepte plus cette connexion (%1). Veuillez vous reconnecter.</translation>
    </message>
    <message>
        <source>The saved sign-in could not be removed from the keychain: %1</source>
        <translation>La connexion enregistrée n’a pas pu être retirée du trousseau : %1</translation>
    </message>
    <message>
        <source>Settings saved.</source>
        <translation>Paramètres enregistrés.</translation>
    </message>
    <message>
        <source>Wrong username or password.</source>
        <translation>Nom d’utilisateur ou mot de passe incorrect.</translation>
    </message>
    <message>
        <source>The server no longer accepts this sign-in.</source>
        <translation>Le serveur n’accepte plus cette connexion.</translation>
    </message>
    <message>
        <source>The server cannot be reached (%1).</source>
        <translation>Le serveur est injoignable (%1).</translation>
    </message>
    <message>
        <source>The server did not answer in time.</source>
        <translation>Le serveur n’a pas répondu à temps.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not trusted (%1). Check the address, or the CA file in the settings.</source>
        <translation>Le certificat du serveur n’est pas reconnu (%1). Vérifiez l’adresse ou le fichier d’AC dans les paramètres.</translation>
    </message>
    <message numerus="yes">
        <source>Too many attempts. Try again in %n second(s).</source>
        <translation>
            <numerusform>Trop de tentatives. Réessayez dans %n seconde.</numerusform>
            <numerusform>Trop de tentatives. Réessayez dans %n secondes.</numerusform>
        </translation>
    </message>
    <message>
        <source>Too many attempts. Try again later.</source>
        <translation>Trop de tentatives. Réessayez plus tard.</translation>
    </message>
    <message>
        <source>This account may not do this (%1).</source>
        <translation>Ce compte n’y est pas autorisé (%1).</translation>
    </message>
    <message>
        <source>The server&apos;s answer was not understood (%1). Is this a Vigil server?</source>
        <translation>La réponse du serveur n’a pas été comprise (%1). Est-ce un serveur Vigil ?</translation>
    </message>
    <message>
        <source>The request was not sent: %1</source>
        <translation>La requête n’a pas été envoyée : %1</translation>
    </message>
    <message>
        <source>The server reported an error (HTTP %1): %2</source>
        <translation>Le serveur signale une erreur (HTTP %1) : %2</translation>
    </message>
</context>
<context>
    <name>vigil::console::LoginDialog</name>
    <message>
        <source>&amp;Sign in</source>
        <translation>&amp;Se connecter</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Connexion en cours…</translation>
    </message>
    <message>
        <source>Enter the server address.</source>
        <translation>Saisissez l’adresse du serveur.</translation>
    </message>
    <message>
        <source>Enter the server address with http:// or https://, e.g. https://vigil.hospital.example</source>
        <translation>Saisissez l’adresse du serveur avec http:// ou https://, par ex. https://vigil.hospital.example</translation>
    </message>
    <message>
        <source>Enter your username.</source>
        <translation>Saisissez votre nom d’utilisateur.</translation>
    </message>
    <message>
        <source>The username is too long.</source>
        <translation>Le nom d’utilisateur est trop long.</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>Saisissez votre mot de passe.</translation>
    </message>
    <message>
        <source>Warning: this connection is not encrypted (http). Ask your administrator for the https address.</source>
        <translation>Attention : cette connexion n’est pas chiffrée (http). Demandez l’adresse https à votre administrateur.</translation>
    </message>
</context>
<context>
    <name>vigil::console::MainWindow</name>
    <message>
        <source>Alarm</source>
        <translation>Alarme</translation>
    </message>
    <message>
        <source>Vigil</source>
        <translation>Vigil</translation>
    </message>
    <message>
        <source>[offline]</source>
        <translation>[hors ligne]</translation>
    </message>
    <message>
        <source>All priorities</source>
        <translation>Toutes les priorités</translation>
    </message>
    <message>
        <source>*** High only</source>
        <translation>*** Haute uniquement</translation>
    </message>
    <message>
        <source>** Medium and higher</source>
        <translation>** Moyenne et plus</translation>
    </message>
    <message>
        <source>* Low and higher</source>
        <translation>* Basse et plus</translation>
    </message>
    <message>
        <source>Info only</source>
        <translation>Info uniquement</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>Tous les états</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>Active and acknowledged</source>
        <translation>Actives et acquittées</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>Acquittée</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Résolue</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Connexion</translation>
    </message>
    <message>
        <source>Catching up on missed alerts</source>
        <translation>Récupération des alertes manquées</translation>
    </message>
    <message>
        <source>%1 (%2) at %3</source>
        <translation>%1 (%2) sur %3</translation>
    </message>
    <message>
        <source>Vigil: %1</source>
        <translation>Vigil : %1</translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation>Non connecté</translation>
    </message>
    <message>
        <source>not signed in</source>
        <translation>non connecté</translation>
    </message>
    <message>
        <source>High-priority alerts arrived while offline</source>
        <translation>Alertes de haute priorité arrivées hors ligne</translation>
    </message>
    <message numerus="yes">
        <source>%n high-priority alert(s) arrived while this station was offline.</source>
        <translation>
            <numerusform>%n alerte de haute priorité est arrivée pendant que ce poste était hors ligne.</numerusform>
            <numerusform>%n alertes de haute priorité sont arrivées pendant que ce poste était hors ligne.</numerusform>
        </translation>
    </message>
    <message>
        <source>*** High-priority alert</source>
        <translation>*** Alerte de haute priorité</translation>
    </message>
    <message>
        <source>Patient %1: %2</source>
        <translation>Patient %1 : %2</translation>
    </message>
    <message>
        <source>*** High-priority alerts</source>
        <translation>*** Alertes de haute priorité</translation>
    </message>
    <message numerus="yes">
        <source>%n new high-priority alert(s).</source>
        <translation>
            <numerusform>%n nouvelle alerte de haute priorité.</numerusform>
            <numerusform>%n nouvelles alertes de haute priorité.</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not acknowledge “%1”: %2</source>
        <translation>Impossible d’acquitter « %1 » : %2</translation>
    </message>
    <message numerus="yes">
        <source>Acknowledging %n alert(s)…</source>
        <translation>
            <numerusform>Acquittement de %n alerte…</numerusform>
            <numerusform>Acquittement de %n alertes…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Catching up: %n alert(s)</source>
        <translation>
            <numerusform>Récupération : %n alerte</numerusform>
            <numerusform>Récupération : %n alertes</numerusform>
        </translation>
    </message>
    <message>
        <source>Vigil: NOT RECEIVING ALERTS</source>
        <translation>Vigil : AUCUNE ALERTE REÇUE</translation>
    </message>
    <message>
        <source>Connection restored at %1: receiving alerts again.</source>
        <translation>Connexion rétablie à %1 : réception des alertes reprise.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message numerus="yes">
        <source>%n active high-priority alert(s)</source>
        <translation>
            <numerusform>%n alerte active de haute priorité</numerusform>
            <numerusform>%n alertes actives de haute priorité</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n active medium-priority alert(s)</source>
        <translation>
            <numerusform>%n alerte active de priorité moyenne</numerusform>
            <numerusform>%n alertes actives de priorité moyenne</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n active low-priority alert(s)</source>
        <translation>
            <numerusform>%n alerte active de basse priorité</numerusform>
            <numerusform>%n alertes actives de basse priorité</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n active information message(s)</source>
        <translation>
            <numerusform>%n message d’information actif</numerusform>
            <numerusform>%n messages d’information actifs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n alert(s) arrived while offline: not reviewed yet</source>
        <translation>
            <numerusform>%n alerte arrivée hors ligne : pas encore consultée</numerusform>
            <numerusform>%n alertes arrivées hors ligne : pas encore consultées</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unreviewed offline alert(s)</source>
        <translation>
            <numerusform>%n alerte hors ligne non consultée</numerusform>
            <numerusform>%n alertes hors ligne non consultées</numerusform>
        </translation>
    </message>
    <message>
        <source>Acknowledging needs a connection to the server.</source>
        <translation>L’acquittement nécessite une connexion au serveur.</translation>
    </message>
    <message>
        <source>Select an active alert to acknowledge it.</source>
        <translation>Sélectionnez une alerte active pour l’acquitter.</translation>
    </message>
    <message numerus="yes">
        <source>Acknowledge %n selected alert(s) on every station (Ctrl+K).</source>
        <translation>
            <numerusform>Acquitter %n alerte sélectionnée sur tous les postes (Ctrl+K).</numerusform>
            <numerusform>Acquitter %n alertes sélectionnées sur tous les postes (Ctrl+K).</numerusform>
        </translation>
    </message>
    <message>
        <source>All followed rooms</source>
        <translation>Toutes les salles suivies</translation>
    </message>
    <message>
        <source>&lt;table&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+K&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Acknowledge the selected alerts&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+R&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Mark the selected alerts as reviewed&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Shift+R&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Mark all offline alerts as reviewed&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+F&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Search alerts&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Shift+L&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Clear all filters&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+D&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Back to the default order (urgent first)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+1 … Ctrl+4&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Go to alerts, triage queue, rooms, details&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Menu key, Shift+F10&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Actions for the selected alert&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;F5&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Reconnect now&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+,&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Settings&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Alt+letter&lt;/b&gt;&lt;/td&gt;&lt;td&gt;The control with that underlined letter&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</source>
        <translation>&lt;table&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+K&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Acquitter les alertes sélectionnées&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+R&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Marquer les alertes sélectionnées comme consultées&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Maj+R&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Marquer toutes les alertes hors ligne comme consultées&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+F&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Rechercher des alertes&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Maj+L&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Effacer tous les filtres&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+D&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Revenir à l’ordre par défaut (urgent d’abord)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+1 … Ctrl+4&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Aller aux alertes, à la file de triage, aux salles, aux détails&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Touche Menu, Maj+F10&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Actions pour l’alerte sélectionnée&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;F5&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Reconnecter maintenant&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+,&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Paramètres&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Alt+lettre&lt;/b&gt;&lt;/td&gt;&lt;td&gt;L’élément avec cette lettre soulignée&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Raccourcis clavier</translation>
    </message>
    <message>
        <source>About Vigil</source>
        <translation>À propos de Vigil</translation>
    </message>
    <message>
        <source>Vigil %1
Clinician alert console.

Vigil is a secondary notification system: it does not replace the alarms of bedside devices.</source>
        <translation>Vigil %1
Console d’alertes pour les soignants.

Vigil est un système de notification secondaire : il ne remplace pas les alarmes des appareils au chevet.</translation>
    </message>
</context>
<context>
    <name>vigil::console::RoomListModel</name>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>Patient %1</source>
        <translation>Patient %1</translation>
    </message>
    <message>
        <source>Hospital %1</source>
        <translation>Hôpital %1</translation>
    </message>
    <message>
        <source>Triage queue</source>
        <translation>File de triage</translation>
    </message>
    <message>
        <source>Joining…</source>
        <translation>Accès en cours…</translation>
    </message>
    <message>
        <source>Joined</source>
        <translation>Rejointe</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Refusée</translation>
    </message>
    <message>
        <source>Refused: %1</source>
        <translation>Refusée : %1</translation>
    </message>
    <message>
        <source>This station already follows that room.</source>
        <translation>Ce poste suit déjà cette salle.</translation>
    </message>
    <message>
        <source>That is not a room name. Use patient_&lt;id&gt;, hospital_&lt;id&gt; or triage_queue.</source>
        <translation>Ce n’est pas un nom de salle. Utilisez patient_&lt;id&gt;, hospital_&lt;id&gt; ou triage_queue.</translation>
    </message>
    <message>
        <source>Only patient_&lt;id&gt;, hospital_&lt;id&gt; and triage_queue rooms can be followed.</source>
        <translation>Seules les salles patient_&lt;id&gt;, hospital_&lt;id&gt; et triage_queue peuvent être suivies.</translation>
    </message>
    <message numerus="yes">
        <source>This station follows %n rooms already, the most it can.</source>
        <translation>
            <numerusform>Ce poste suit déjà %n salle, le maximum possible.</numerusform>
            <numerusform>Ce poste suit déjà %n salles, le maximum possible.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>vigil::console::ServerStatusWidget</name>
    <message>
        <source>Connections:</source>
        <translation>Connexions :</translation>
    </message>
    <message>
        <source>Uptime:</source>
        <translation>Disponibilité :</translation>
    </message>
    <message>
        <source>Updated:</source>
        <translation>Mis à jour :</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>Salle</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Membres</translation>
    </message>
    <message>
        <source>Rooms on the server</source>
        <translation>Salles sur le serveur</translation>
    </message>
    <message>
        <source>waiting for the server</source>
        <translation>en attente du serveur</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>inconnu</translation>
    </message>
    <message>
        <source>unavailable (%1)</source>
        <translation>indisponible (%1)</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 j %2 h</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
</context>
<context>
    <name>vigil::console::SettingsDialog</name>
    <message>
        <source>System default</source>
        <translation>Langue du système</translation>
    </message>
    <message>
        <source>Enter the server address with http:// or https://.</source>
        <translation>Saisissez l’adresse du serveur avec http:// ou https://.</translation>
    </message>
    <message>
        <source>The CA certificate file cannot be read: %1</source>
        <translation>Le fichier de certificats d’AC est illisible : %1</translation>
    </message>
    <message>
        <source>Choose CA certificates</source>
        <translation>Choisir les certificats d’AC</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>Certificats (*.pem *.crt *.cer);;Tous les fichiers (*)</translation>
    </message>
</context>
<context>
    <name>vigil::console::TriageQueueModel</name>
    <message>
        <source>Acuity %1 of 5 (1 is the most urgent)</source>
        <translation>Niveau %1 sur 5 (1 est le plus urgent)</translation>
    </message>
    <message>
        <source>Patient %1</source>
        <translation>Patient %1</translation>
    </message>
    <message>
        <source>Acuity</source>
        <translation>Niveau</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <source>Hospital</source>
        <translation>Hôpital</translation>
    </message>
    <message>
        <source>Risk score</source>
        <translation>Score de risque</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Waiting since</source>
        <translation>En attente depuis</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>En attente</translation>
    </message>
    <message>
        <source>In triage</source>
        <translation>En triage</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Terminé</translation>
    </message>
    <message numerus="yes">
        <source>%n min</source>
        <translation>
            <numerusform>%n min</numerusform>
            <numerusform>%n min</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 j %2 h</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <comment>waiting since: time (duration)</comment>
        <translation>%1 (%2)</translation>
    </message>
</context>
</TS>
