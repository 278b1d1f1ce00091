<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>LoginDialog</name>
    <message>
        <source>Sign in to Vigil</source>
        <translation>Bei Vigil anmelden</translation>
    </message>
    <message>
        <source>Sign in with your hospital account to receive the alerts of your ward.</source>
        <translation>Melden Sie sich mit Ihrem Klinikkonto an, um die Alarme Ihrer Station zu erhalten.</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Server:</translation>
    </message>
    <message>
        <source>https://vigil.hospital.example</source>
        <translation>https://vigil.hospital.example</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Serveradresse</translation>
    </message>
    <message>
        <source>The address of the Vigil server, starting with https:// or http://</source>
        <translation>Die Adresse des Vigil-Servers, beginnend mit https:// oder http://</translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation>&amp;Benutzername:</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>&amp;Remember me on this computer</source>
        <translation>Auf diesem Computer &amp;angemeldet bleiben</translation>
    </message>
    <message>
        <source>Keeps the sign-in in the system keychain until you sign out</source>
        <translation>Bewahrt die Anmeldung im Schlüsselbund des Systems auf, bis Sie sich abmelden</translation>
    </message>
    <message>
        <source>Sign-in error</source>
        <translation>Anmeldefehler</translation>
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
        <translation>Alarm bei Verbindungsverlust</translation>
    </message>
    <message>
        <source>Signed out: this station is not receiving alerts.</source>
        <translation>Abgemeldet: Diese Station empfängt keine Alarme.</translation>
    </message>
    <message>
        <source>&amp;Sign in…</source>
        <translation>&amp;Anmelden …</translation>
    </message>
    <message>
        <source>Connection state</source>
        <translation>Verbindungszustand</translation>
    </message>
    <message>
        <source>Active alerts:</source>
        <translation>Aktive Alarme:</translation>
    </message>
    <message>
        <source>Mark all &amp;reviewed</source>
        <translation>Alle als &amp;gesichtet markieren</translation>
    </message>
    <message>
        <source>Followed rooms</source>
        <translation>Beobachtete Räume</translation>
    </message>
    <message>
        <source>Rooms this station follows and whether the server joined them</source>
        <translation>Räume, die diese Station beobachtet, und ob der Server sie beigetreten hat</translation>
    </message>
    <message>
        <source>Add &amp;room:</source>
        <translation>&amp;Raum hinzufügen:</translation>
    </message>
    <message>
        <source>patient_42, hospital_123, triage_queue</source>
        <translation>patient_42, hospital_123, triage_queue</translation>
    </message>
    <message>
        <source>Room to follow</source>
        <translation>Zu beobachtender Raum</translation>
    </message>
    <message>
        <source>A room name such as patient_42, hospital_123 or triage_queue</source>
        <translation>Ein Raumname wie patient_42, hospital_123 oder triage_queue</translation>
    </message>
    <message>
        <source>&amp;Follow</source>
        <translation>&amp;Beobachten</translation>
    </message>
    <message>
        <source>S&amp;top following</source>
        <translation>Nicht mehr beobach&amp;ten</translation>
    </message>
    <message>
        <source>Server status</source>
        <translation>Serverstatus</translation>
    </message>
    <message>
        <source>Pr&amp;iority:</source>
        <translation>Pr&amp;iorität:</translation>
    </message>
    <message>
        <source>Priority filter</source>
        <translation>Prioritätsfilter</translation>
    </message>
    <message>
        <source>St&amp;ate:</source>
        <translation>Sta&amp;tus:</translation>
    </message>
    <message>
        <source>State filter</source>
        <translation>Statusfilter</translation>
    </message>
    <message>
        <source>R&amp;oom:</source>
        <translation>Ra&amp;um:</translation>
    </message>
    <message>
        <source>Room filter</source>
        <translation>Raumfilter</translation>
    </message>
    <message>
        <source>Search title, message, patient, type (Ctrl+F)</source>
        <translation>Titel, Meldung, Patient, Typ suchen (Strg+F)</translation>
    </message>
    <message>
        <source>Search alerts</source>
        <translation>Alarme durchsuchen</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>Alarme</translation>
    </message>
    <message>
        <source>All alerts of the followed rooms; unacknowledged and high priority first</source>
        <translation>Alle Alarme der beobachteten Räume; nicht quittierte und hohe Priorität zuerst</translation>
    </message>
    <message>
        <source>Triage queue</source>
        <translation>Triage-Warteschlange</translation>
    </message>
    <message>
        <source>Patients waiting, most urgent acuity first, then longest waiting</source>
        <translation>Wartende Patienten, dringlichste Stufe zuerst, dann längste Wartezeit</translation>
    </message>
    <message>
        <source>Alert details</source>
        <translation>Alarmdetails</translation>
    </message>
    <message>
        <source>&amp;Acknowledge (Ctrl+K)</source>
        <translation>&amp;Quittieren (Strg+K)</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>Quittieren</translation>
    </message>
    <message>
        <source>Acknowledges the selected alerts on every station</source>
        <translation>Quittiert die ausgewählten Alarme auf allen Stationen</translation>
    </message>
    <message>
        <source>Mark re&amp;viewed</source>
        <translation>Als ge&amp;sichtet markieren</translation>
    </message>
    <message>
        <source>&amp;Station</source>
        <translation>&amp;Station</translation>
    </message>
    <message>
        <source>&amp;Alerts</source>
        <translation>&amp;Alarme</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>A&amp;nsicht</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>&amp;Abmelden</translation>
    </message>
    <message>
        <source>&amp;Reconnect now</source>
        <translation>&amp;Jetzt neu verbinden</translation>
    </message>
    <message>
        <source>F5</source>
        <translation>F5</translation>
    </message>
    <message>
        <source>Try to reach the server now instead of waiting for the next attempt</source>
        <translation>Den Server jetzt erreichen, statt auf den nächsten Versuch zu warten</translation>
    </message>
    <message>
        <source>S&amp;ettings…</source>
        <translation>&amp;Einstellungen …</translation>
    </message>
    <message>
        <source>Ctrl+,</source>
        <translation>Ctrl+,</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Ctrl+Q</source>
        <translation>Ctrl+Q</translation>
    </message>
    <message>
        <source>&amp;Acknowledge</source>
        <translation>&amp;Quittieren</translation>
    </message>
    <message>
        <source>Ctrl+K</source>
        <translation>Ctrl+K</translation>
    </message>
    <message>
        <source>Acknowledge the selected alerts (Ctrl+K)</source>
        <translation>Die ausgewählten Alarme quittieren (Strg+K)</translation>
    </message>
    <message>
        <source>Mark as re&amp;viewed</source>
        <translation>Als ge&amp;sichtet markieren</translation>
    </message>
    <message>
        <source>Ctrl+R</source>
        <translation>Ctrl+R</translation>
    </message>
    <message>
        <source>Mark &amp;all as reviewed</source>
        <translation>&amp;Alle als gesichtet markieren</translation>
    </message>
    <message>
        <source>Ctrl+Shift+R</source>
        <translation>Ctrl+Shift+R</translation>
    </message>
    <message>
        <source>&amp;Copy details</source>
        <translation>Details &amp;kopieren</translation>
    </message>
    <message>
        <source>Ctrl+C</source>
        <translation>Ctrl+C</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>&amp;Suchen …</translation>
    </message>
    <message>
        <source>Ctrl+F</source>
        <translation>Ctrl+F</translation>
    </message>
    <message>
        <source>C&amp;lear filters</source>
        <translation>Filter &amp;zurücksetzen</translation>
    </message>
    <message>
        <source>Ctrl+Shift+L</source>
        <translation>Ctrl+Shift+L</translation>
    </message>
    <message>
        <source>&amp;Default order (urgent first)</source>
        <translation>&amp;Standardreihenfolge (Dringendes zuerst)</translation>
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
        <translation>&amp;Triage-Warteschlange</translation>
    </message>
    <message>
        <source>Ctrl+2</source>
        <translation>Ctrl+2</translation>
    </message>
    <message>
        <source>&amp;Rooms</source>
        <translation>&amp;Räume</translation>
    </message>
    <message>
        <source>Ctrl+3</source>
        <translation>Ctrl+3</translation>
    </message>
    <message>
        <source>Alert &amp;details</source>
        <translation>Alarm&amp;details</translation>
    </message>
    <message>
        <source>Ctrl+4</source>
        <translation>Ctrl+4</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <source>&amp;About Vigil</source>
        <translation>&amp;Über Vigil</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Vigil Settings</source>
        <translation>Vigil-Einstellungen</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Server:</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Serveradresse</translation>
    </message>
    <message>
        <source>https://vigil.hospital.example</source>
        <translation>https://vigil.hospital.example</translation>
    </message>
    <message>
        <source>Request &amp;timeout:</source>
        <translation>&amp;Zeitlimit für Anfragen:</translation>
    </message>
    <message>
        <source>Request timeout in seconds</source>
        <translation>Zeitlimit für Anfragen in Sekunden</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>&amp;CA certificates:</source>
        <translation>&amp;CA-Zertifikate:</translation>
    </message>
    <message>
        <source>CA certificate file</source>
        <translation>CA-Zertifikatsdatei</translation>
    </message>
    <message>
        <source>System certificates only</source>
        <translation>Nur Systemzertifikate</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen …</translation>
    </message>
    <message>
        <source>Choose a CA certificate file</source>
        <translation>Eine CA-Zertifikatsdatei wählen</translation>
    </message>
    <message>
        <source>Reconnection</source>
        <translation>Wiederverbindung</translation>
    </message>
    <message>
        <source>A&amp;ttempts per outage:</source>
        <translation>Ve&amp;rsuche pro Ausfall:</translation>
    </message>
    <message>
        <source>Reconnection attempts per outage</source>
        <translation>Verbindungsversuche pro Ausfall</translation>
    </message>
    <message>
        <source>Unlimited</source>
        <translation>Unbegrenzt</translation>
    </message>
    <message>
        <source>First &amp;delay:</source>
        <translation>Erste &amp;Wartezeit:</translation>
    </message>
    <message>
        <source>First reconnection delay in seconds</source>
        <translation>Erste Wartezeit vor dem Neuverbinden in Sekunden</translation>
    </message>
    <message>
        <source>&amp;Longest delay:</source>
        <translation>&amp;Längste Wartezeit:</translation>
    </message>
    <message>
        <source>Longest reconnection delay in seconds</source>
        <translation>Längste Wartezeit vor dem Neuverbinden in Sekunden</translation>
    </message>
    <message>
        <source>Alarms</source>
        <translation>Alarme</translation>
    </message>
    <message>
        <source>&amp;Communication-loss alarm after:</source>
        <translation>Alarm bei &amp;Verbindungsverlust nach:</translation>
    </message>
    <message>
        <source>Communication-loss alarm delay in seconds</source>
        <translation>Verzögerung des Verbindungsverlust-Alarms in Sekunden</translation>
    </message>
    <message>
        <source>How long the station may be without live data before the red banner and the alarm sound start</source>
        <translation>Wie lange die Station ohne Live-Daten sein darf, bevor das rote Banner und der Alarmton starten</translation>
    </message>
    <message>
        <source>Play &amp;sounds for alarms and new high-priority alerts</source>
        <translation>&amp;Töne für Alarme und neue Alarme hoher Priorität abspielen</translation>
    </message>
    <message>
        <source>Display</source>
        <translation>Anzeige</translation>
    </message>
    <message>
        <source>La&amp;nguage:</source>
        <translation>Spr&amp;ache:</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>Server, certificate and reconnection changes apply at the next sign-in. A new language applies when Vigil is restarted.</source>
        <translation>Änderungen an Server, Zertifikaten und Wiederverbindung gelten ab der nächsten Anmeldung. Eine neue Sprache gilt nach einem Neustart von Vigil.</translation>
    </message>
</context>
<context>
    <name>vigil::console::AlertDetailWidget</name>
    <message>
        <source>Alert details</source>
        <translation>Alarmdetails</translation>
    </message>
    <message>
        <source>No alert selected</source>
        <translation>Kein Alarm ausgewählt</translation>
    </message>
    <message>
        <source>Select an alert in the table to see its message, data and history.</source>
        <translation>Wählen Sie einen Alarm in der Tabelle, um Meldung, Daten und Verlauf zu sehen.</translation>
    </message>
    <message numerus="yes">
        <source>(%n more values not shown)</source>
        <translation>
            <numerusform>(%n weiterer Wert nicht angezeigt)</numerusform>
            <numerusform>(%n weitere Werte nicht angezeigt)</numerusform>
        </translation>
    </message>
    <message>
        <source>Risk score %1</source>
        <translation>Risikowert %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1  Raised (%2)</source>
        <translation>%1  Ausgelöst (%2)</translation>
    </message>
    <message>
        <source>Held back by the server&apos;s rate limit and fetched from history</source>
        <translation>Vom Ratenlimit des Servers zurückgehalten und aus dem Verlauf geholt</translation>
    </message>
    <message>
        <source>Arrived while this station was offline</source>
        <translation>Eingegangen, während diese Station offline war</translation>
    </message>
    <message>
        <source>%1  Acknowledged</source>
        <translation>%1  Quittiert</translation>
    </message>
    <message>
        <source>%1  Acknowledged by %2</source>
        <translation>%1  Quittiert von %2</translation>
    </message>
    <message>
        <source>%1  Active again (seen by this station)</source>
        <translation>%1  Wieder aktiv (von dieser Station gesehen)</translation>
    </message>
    <message>
        <source>%1  Acknowledged (seen by this station)</source>
        <translation>%1  Quittiert (von dieser Station gesehen)</translation>
    </message>
    <message>
        <source>%1  Acknowledged by %2 (seen by this station)</source>
        <translation>%1  Quittiert von %2 (von dieser Station gesehen)</translation>
    </message>
    <message>
        <source>%1  Resolved (seen by this station)</source>
        <translation>%1  Behoben (von dieser Station gesehen)</translation>
    </message>
    <message>
        <source>Arrived while this station was offline.</source>
        <translation>Eingegangen, während diese Station offline war.</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <source>Hospital</source>
        <translation>Klinik</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>not given</source>
        <translation>nicht angegeben</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Acknowledged by</source>
        <translation>Quittiert von</translation>
    </message>
    <message>
        <source>Alert id</source>
        <translation>Alarm-ID</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
</context>
<context>
    <name>vigil::console::AlertTableModel</name>
    <message>
        <source>Arrived while this station was offline; not reviewed yet</source>
        <translation>Eingegangen, während diese Station offline war; noch nicht gesichtet</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priorität</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <source>Hospital</source>
        <translation>Klinik</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Acknowledged by</source>
        <translation>Quittiert von</translation>
    </message>
    <message>
        <source>Acknowledged at</source>
        <translation>Quittiert um</translation>
    </message>
    <message>
        <source>*** High</source>
        <translation>*** Hoch</translation>
    </message>
    <message>
        <source>** Medium</source>
        <translation>** Mittel</translation>
    </message>
    <message>
        <source>* Low</source>
        <translation>* Niedrig</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>Info</translation>
    </message>
    <message>
        <source>High priority</source>
        <translation>Hohe Priorität</translation>
    </message>
    <message>
        <source>Medium priority</source>
        <translation>Mittlere Priorität</translation>
    </message>
    <message>
        <source>Low priority</source>
        <translation>Niedrige Priorität</translation>
    </message>
    <message>
        <source>Information</source>
        <translation>Information</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>Quittiert</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Behoben</translation>
    </message>
    <message>
        <source>Sepsis risk</source>
        <translation>Sepsisrisiko</translation>
    </message>
    <message>
        <source>Deterioration</source>
        <translation>Verschlechterung</translation>
    </message>
    <message>
        <source>Vitals</source>
        <translation>Vitalwerte</translation>
    </message>
    <message>
        <source>Technical</source>
        <translation>Technisch</translation>
    </message>
</context>
<context>
    <name>vigil::console::ConnectionStatus</name>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>Signed out: this station receives no alerts</source>
        <translation>Abgemeldet: Diese Station empfängt keine Alarme</translation>
    </message>
    <message>
        <source>Offline since %1: automatic reconnection stopped (F5 retries)</source>
        <translation>Offline seit %1: automatisches Neuverbinden beendet (F5 versucht es erneut)</translation>
    </message>
    <message numerus="yes">
        <source>Offline since %1. Reconnecting: attempt %2, next try in %n s</source>
        <translation>
            <numerusform>Offline seit %1. Neuverbindung: Versuch %2, nächster in %n s</numerusform>
            <numerusform>Offline seit %1. Neuverbindung: Versuch %2, nächster in %n s</numerusform>
        </translation>
    </message>
    <message>
        <source>Offline since %1. Reconnecting: attempt %2…</source>
        <translation>Offline seit %1. Neuverbindung: Versuch %2 …</translation>
    </message>
    <message>
        <source>Connecting to the server…</source>
        <translation>Verbindung zum Server wird aufgebaut …</translation>
    </message>
    <message>
        <source>Offline since %1</source>
        <translation>Offline seit %1</translation>
    </message>
    <message>
        <source>Connected: joining rooms…</source>
        <translation>Verbunden: Räume werden beigetreten …</translation>
    </message>
    <message numerus="yes">
        <source>Connected: catching up on missed alerts (%n fetched)…</source>
        <translation>
            <numerusform>Verbunden: verpasste Alarme werden nachgeholt (%n geladen) …</numerusform>
            <numerusform>Verbunden: verpasste Alarme werden nachgeholt (%n geladen) …</numerusform>
        </translation>
    </message>
    <message>
        <source>Live: receiving alerts</source>
        <translation>Live: Alarme werden empfangen</translation>
    </message>
    <message>
        <source>Stale: no data since %1</source>
        <translation>Veraltet: keine Daten seit %1</translation>
    </message>
    <message>
        <source>SIGNED OUT</source>
        <translation>ABGEMELDET</translation>
    </message>
    <message>
        <source>LIVE</source>
        <translation>LIVE</translation>
    </message>
    <message>
        <source>CONNECTING</source>
        <translation>VERBINDET</translation>
    </message>
    <message>
        <source>STALE</source>
        <translation>VERALTET</translation>
    </message>
    <message>
        <source>OFFLINE</source>
        <translation>OFFLINE</translation>
    </message>
    <message>
        <source>NO DATA FROM THE SERVER: ALERTS MAY BE MISSING</source>
        <translation>KEINE DATEN VOM SERVER: ALARME KÖNNEN FEHLEN</translation>
    </message>
    <message>
        <source>NOT LIVE YET: ALERTS MAY BE MISSING</source>
        <translation>NOCH NICHT LIVE: ALARME KÖNNEN FEHLEN</translation>
    </message>
    <message>
        <source>COMMUNICATION LOST: THIS STATION IS NOT RECEIVING ALERTS</source>
        <translation>VERBINDUNG UNTERBROCHEN: DIESE STATION EMPFÄNGT KEINE ALARME</translation>
    </message>
    <message>
        <source>Last data received: %1</source>
        <translation>Letzte Daten empfangen: %1</translation>
    </message>
    <message>
        <source>Check on your patients directly until this banner clears.</source>
        <translation>Sehen Sie direkt nach Ihren Patienten, bis dieses Banner verschwindet.</translation>
    </message>
</context>
<context>
    <name>vigil::console::ConsoleController</name>
    <message>
        <source>not signed in</source>
        <translation>nicht angemeldet</translation>
    </message>
    <message>
        <source>Signing in to %1…</source>
        <translation>Anmeldung bei %1 …</translation>
    </message>
    <message>
        <source>Could not keep the sign-in in the system keychain: %1</source>
        <translation>Die Anmeldung konnte nicht im Schlüsselbund des Systems gespeichert werden: %1</translation>
    </message>
    <message>
        <source>Resuming the saved sign-in of %1…</source>
        <translation>Gespeicherte Anmeldung von %1 wird fortgesetzt …</translation>
    </message>
    <message>
        <source>The system keychain could not be read (%1). Please sign in.</source>
        <translation>Der Schlüsselbund des Systems konnte nicht gelesen werden (%1). Bitte melden Sie sich an.</translation>
    </message>
    <message>
        <source>Your saved sign-in has expired. Please sign in again.</source>
        <translation>Ihre gespeicherte Anmeldung ist abgelaufen. Bitte melden Sie sich erneut an.</translation>
    </message>
    <message>
        <source>The CA certificate file cannot be used: %1</source>
        <translation>Die CA-Zertifikatsdatei kann nicht verwendet werden: %1</translation>
    </message>
    <message>
        <source>Room %1 is not followed: %2</source>
        <translation>Raum %1 wird nicht beobachtet: %2</translation>
    </message>
    <message>
        <source>Catching up on missed alerts failed (%1); retrying.</source>
        <translation>Nachholen verpasster Alarme fehlgeschlagen (%1); neuer Versuch folgt.</translation>
    </message>
    <message>
        <source>The server no longer accepts this sign-in (%1). Please sign in again.</source>
        <translation>Der Server akzeptiert diese Anmeldung nicht mehr (%1). Bitte melden Sie sich erneut an.</translation>
    </message>
    <message>
        <source>The saved sign-in could not be removed from the keychain: %1</source>
        <translation>Die gespeicherte Anmeldung konnte nicht aus dem Schlüsselbund entfernt werden: %1</translation>
    </message>
    <message>
        <source>Settings saved.</source>
        <translation>Einstellungen gespeichert.</translation>
    </message>
    <message>
        <source>Wrong username or password.</source>
        <translation>Falscher Benutzername oder falsches Passwort.</translation>
    </message>
    <message>
        <source>The server no longer accepts this sign-in.</source>
        <translation>Der Server akzeptiert diese Anmeldung nicht mehr.</translation>
    </message>
    <message>
        <source>The server cannot be reached (%1).</source>
        <translation>Der Server ist nicht erreichbar (%1).</translation>
    </message>
    <message>
        <source>The server did not answer in time.</source>
        <translation>Der Server hat nicht rechtzeitig geantwortet.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not trusted (%1). Check the address, or the CA file in the settings.</source>
        <translation>Dem Zertifikat des Servers wird nicht vertraut (%1). Prüfen Sie die Adresse oder die CA-Datei in den Einstellungen.</translation>
    </message>
    <message numerus="yes">
        <source>Too many attempts. Try again in %n second(s).</source>
        <translation>
            <numerusform>Zu viele Versuche. Versuchen Sie es in %n Sekunde erneut.</numerusform>
            <numerusform>Zu viele Versuche. Versuchen Sie es in %n Sekunden erneut.</numerusform>
        </translation>
    </message>
    <message>
        <source>Too many attempts. Try again later.</source>
        <translation>Zu viele Versuche. Versuchen Sie es später erneut.</translation>
    </message>
    <message>
        <source>This account may not do this (%1).</source>
        <translation>Dieses Konto darf das nicht (%1).</translation>
    </message>
    <message>
        <source>The server&apos;s answer was not understood (%1). Is this a Vigil server?</source>
        <translation>Die Antwort des Servers wurde nicht verstanden (%1). Ist das ein Vigil-Server?</translation>
    </message>
    <message>
        <source>The request was not sent: %1</source>
        <translation>Die Anfrage wurde nicht gesendet: %1</translation>
    </message>
    <message>
        <source>The server reported an error (HTTP %1): %2</source>
        <translation>Der Server meldet einen Fehler (HTTP %1): %2</translation>
    </message>
</context>
<context>
    <name>vigil::console::LoginDialog</name>
    <message>
        <source>&amp;Sign in</source>
        <translation>&amp;Anmelden</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Anmeldung läuft …</translation>
    </message>
    <message>
        <source>Enter the server address.</source>
        <translation>Geben Sie die Serveradresse ein.</translation>
    </message>
    <message>
        <source>Enter the server address with http:// or https://, e.g. https://vigil.hospital.example</source>
        <translation>Geben Sie die Serveradresse mit http:// oder https:// ein, z. B. https://vigil.hospital.example</translation>
    </message>
    <message>
        <source>Enter your username.</source>
        <translation>Geben Sie Ihren Benutzernamen ein.</translation>
    </message>
    <message>
        <source>The username is too long.</source>
        <translation>Der Benutzername ist zu lang.</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>Geben Sie Ihr Passwort ein.</translation>
    </message>
    <message>
        <source>Warning: this connection is not encrypted (http). Ask your administrator for the https address.</source>
        <translation>Warnung: Diese Verbindung ist nicht verschlüsselt (http). Fragen Sie Ihre Administration nach der https-Adresse.</translation>
    </message>
</context>
<context>
    <name>vigil::console::MainWindow</name>
    <message>
        <source>Alarm</source>
        <translation>Alarm</translation>
    </message>
    <message>
        <source>Vigil</source>
        <translation>Vigil</translation>
    </message>
    <message>
        <source>[offline]</source>
        <translation>[offline]</translation>
    </message>
    <message>
        <source>All priorities</source>
        <translation>Alle Prioritäten</translation>
    </message>
    <message>
        <source>*** High only</source>
        <translation>Nur *** Hoch</translation>
    </message>
    <message>
        <source>** Medium and higher</source>
        <translation>** Mittel und höher</translation>
    </message>
    <message>
        <source>* Low and higher</source>
        <translation>* Niedrig und höher</translation>
    </message>
    <message>
        <source>Info only</source>
        <translation>Nur Info</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>Alle Status</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Active and acknowledged</source>
        <translation>Aktiv und quittiert</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>Quittiert</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Behoben</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <source>Catching up on missed alerts</source>
        <translation>Verpasste Alarme werden nachgeholt</translation>
    </message>
    <message>
        <source>%1 (%2) at %3</source>
        <translation>%1 (%2) auf %3</translation>
    </message>
    <message>
        <source>Vigil: %1</source>
        <translation>Vigil: %1</translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation>Nicht angemeldet</translation>
    </message>
    <message>
        <source>not signed in</source>
        <translation>nicht angemeldet</translation>
    </message>
    <message>
        <source>High-priority alerts arrived while offline</source>
        <translation>Während der Offline-Zeit eingegangene Alarme hoher Priorität</translation>
    </message>
    <message numerus="yes">
        <source>%n high-priority alert(s) arrived while this station was offline.</source>
        <translation>
            <numerusform>%n Alarm hoher Priorität ist eingegangen, während diese Station offline war.</numerusform>
            <numerusform>%n Alarme hoher Priorität sind eingegangen, während diese Station offline war.</numerusform>
        </translation>
    </message>
    <message>
        <source>*** High-priority alert</source>
        <translation>*** Alarm hoher Priorität</translation>
    </message>
    <message>
        <source>Patient %1: %2</source>
        <translation>Patient %1: %2</translation>
    </message>
    <message>
        <source>*** High-priority alerts</source>
        <translation>*** Alarme hoher Priorität</translation>
    </message>
    <message numerus="yes">
        <source>%n new high-priority alert(s).</source>
        <translation>
            <numerusform>%n neuer Alarm hoher Priorität.</numerusform>
            <numerusform>%n neue Alarme hoher Priorität.</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not acknowledge “%1”: %2</source>
        <translation>„%1“ konnte nicht quittiert werden: %2</translation>
    </message>
    <message numerus="yes">
        <source>Acknowledging %n alert(s)…</source>
        <translation>
            <numerusform>%n Alarm wird quittiert …</numerusform>
            <numerusform>%n Alarme werden quittiert …</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Catching up: %n alert(s)</source>
        <translation>
            <numerusform>Nachholen: %n Alarm</numerusform>
            <numerusform>Nachholen: %n Alarme</numerusform>
        </translation>
    </message>
    <message>
        <source>Vigil: NOT RECEIVING ALERTS</source>
        <translation>Vigil: EMPFÄNGT KEINE ALARME</translation>
    </message>
    <message>
        <source>Connection restored at %1: receiving alerts again.</source>
        <translation>Verbindung um %1 wiederhergestellt: Alarme werden wieder empfangen.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n active high-priority alert(s)</source>
        <translation>
            <numerusform>%n aktiver Alarm hoher Priorität</numerusform>
            <numerusform>%n aktive Alarme hoher Priorität</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n active medium-priority alert(s)</source>
        <translation>
            <numerusform>%n aktiver Alarm mittlerer Priorität</numerusform>
            <numerusform>%n aktive Alarme mittlerer Priorität</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n active low-priority alert(s)</source>
        <translation>
            <numerusform>%n aktiver Alarm niedriger Priorität</numerusform>
            <numerusform>%n aktive Alarme niedriger Priorität</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n active information message(s)</source>
        <translation>
            <numerusform>%n aktive Informationsmeldung</numerusform>
            <numerusform>%n aktive Informationsmeldungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n alert(s) arrived while offline: not reviewed yet</source>
        <translation>
            <numerusform>%n Alarm während der Offline-Zeit eingegangen: noch nicht gesichtet</numerusform>
            <numerusform>%n Alarme während der Offline-Zeit eingegangen: noch nicht gesichtet</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unreviewed offline alert(s)</source>
        <translation>
            <numerusform>%n ungesichteter Offline-Alarm</numerusform>
            <numerusform>%n ungesichtete Offline-Alarme</numerusform>
        </translation>
    </message>
    <message>
        <source>Acknowledging needs a connection to the server.</source>
        <translation>Zum Quittieren ist eine Verbindung zum Server nötig.</translation>
    </message>
    <message>
        <source>Select an active alert to acknowledge it.</source>
        <translation>Wählen Sie einen aktiven Alarm, um ihn zu quittieren.</translation>
    </message>
    <message numerus="yes">
        <source>Acknowledge %n selected alert(s) on every station (Ctrl+K).</source>
        <translation>
            <numerusform>%n ausgewählten Alarm auf allen Stationen quittieren (Strg+K).</numerusform>
            <numerusform>%n ausgewählte Alarme auf allen Stationen quittieren (Strg+K).</numerusform>
        </translation>
    </message>
    <message>
        <source>All followed rooms</source>
        <translation>Alle beobachteten Räume</translation>
    </message>
    <message>
        <source>&lt;table&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+K&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Acknowledge the selected alerts&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+R&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Mark the selected alerts as reviewed&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Shift+R&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Mark all offline alerts as reviewed&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+F&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Search alerts&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Shift+L&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Clear all filters&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+D&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Back to the default order (urgent first)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+1 … Ctrl+4&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Go to alerts, triage queue, rooms, details&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Menu key, Shift+F10&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Actions for the selected alert&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;F5&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Reconnect now&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+,&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Settings&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Alt+letter&lt;/b&gt;&lt;/td&gt;&lt;td&gt;The control with that underlined letter&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</source>
        <translation>&lt;table&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Strg+K&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Ausgewählte Alarme quittieren&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Strg+R&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Ausgewählte Alarme als gesichtet markieren&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Strg+Umschalt+R&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Alle Offline-Alarme als gesichtet markieren&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Strg+F&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Alarme durchsuchen&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Strg+Umschalt+L&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Alle Filter zurücksetzen&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Strg+D&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Zurück zur Standardreihenfolge (Dringendes zuerst)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Strg+1 … Strg+4&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Zu Alarmen, Triage-Warteschlange, Räumen, Details wechseln&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Menütaste, Umschalt+F10&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Aktionen für den ausgewählten Alarm&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;F5&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Jetzt neu verbinden&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Strg+,&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Einstellungen&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Alt+Buchstabe&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Das Element mit diesem unterstrichenen Buchstaben&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>About Vigil</source>
        <translation>Über Vigil</translation>
    </message>
    <message>
        <source>Vigil %1
Clinician alert console.

Vigil is a secondary notification system: it does not replace the alarms of bedside devices.</source>
        <translation>Vigil %1
Alarmkonsole für Pflege und Ärzteschaft.

Vigil ist ein sekundäres Benachrichtigungssystem: Es ersetzt nicht die Alarme der Geräte am Patientenbett.</translation>
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
        <translation>Klinik %1</translation>
    </message>
    <message>
        <source>Triage queue</source>
        <translation>Triage-Warteschlange</translation>
    </message>
    <message>
        <source>Joining…</source>
        <translation>Wird beigetreten …</translation>
    </message>
    <message>
        <source>Joined</source>
        <translation>Beigetreten</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Abgelehnt</translation>
    </message>
    <message>
        <source>Refused: %1</source>
        <translation>Abgelehnt: %1</translation>
    </message>
    <message>
        <source>This station already follows that room.</source>
        <translation>Diese Station beobachtet diesen Raum bereits.</translation>
    </message>
    <message>
        <source>That is not a room name. Use patient_&lt;id&gt;, hospital_&lt;id&gt; or triage_queue.</source>
        <translation>Das ist kein Raumname. Verwenden Sie patient_&lt;id&gt;, hospital_&lt;id&gt; oder triage_queue.</translation>
    </message>
    <message>
        <source>Only patient_&lt;id&gt;, hospital_&lt;id&gt; and triage_queue rooms can be followed.</source>
        <translation>Nur die Räume patient_&lt;id&gt;, hospital_&lt;id&gt; und triage_queue können beobachtet werden.</translation>
    </message>
    <message numerus="yes">
        <source>This station follows %n rooms already, the most it can.</source>
        <translation>
            <numerusform>Diese Station beobachtet bereits %n Raum, mehr sind nicht möglich.</numerusform>
            <numerusform>Diese Station beobachtet bereits %n Räume, mehr sind nicht möglich.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>vigil::console::ServerStatusWidget</name>
    <message>
        <source>Connections:</source>
        <translation>Verbindungen:</translation>
    </message>
    <message>
        <source>Uptime:</source>
        <translation>Laufzeit:</translation>
    </message>
    <message>
        <source>Updated:</source>
        <translation>Aktualisiert:</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>Raum</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Mitglieder</translation>
    </message>
    <message>
        <source>Rooms on the server</source>
        <translation>Räume auf dem Server</translation>
    </message>
    <message>
        <source>waiting for the server</source>
        <translation>warte auf den Server</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>unavailable (%1)</source>
        <translation>nicht verfügbar (%1)</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 T %2 h</translation>
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
        <translation>Systemstandard</translation>
    </message>
    <message>
        <source>Enter the server address with http:// or https://.</source>
        <translation>Geben Sie die Serveradresse mit http:// oder https:// ein.</translation>
    </message>
    <message>
        <source>The CA certificate file cannot be read: %1</source>
        <translation>Die CA-Zertifikatsdatei kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Choose CA certificates</source>
        <translation>CA-Zertifikate wählen</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>Zertifikate (*.pem *.crt *.cer);;Alle Dateien (*)</translation>
    </message>
</context>
<context>
    <name>vigil::console::TriageQueueModel</name>
    <message>
        <source>Acuity %1 of 5 (1 is the most urgent)</source>
        <translation>Dringlichkeit %1 von 5 (1 ist am dringendsten)</translation>
    </message>
    <message>
        <source>Patient %1</source>
        <translation>Patient %1</translation>
    </message>
    <message>
        <source>Acuity</source>
        <translation>Dringlichkeit</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <source>Hospital</source>
        <translation>Klinik</translation>
    </message>
    <message>
        <source>Risk score</source>
        <translation>Risikowert</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Waiting since</source>
        <translation>Wartet seit</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Wartend</translation>
    </message>
    <message>
        <source>In triage</source>
        <translation>In Triage</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
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
        <translation>%1 T %2 h</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <comment>waiting since: time (duration)</comment>
        <translation>%1 (%2)</translation>
    </message>
</context>
</TS>
