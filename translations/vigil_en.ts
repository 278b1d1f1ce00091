<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>vigil::console::AlertDetailWidget</name>
    <message numerus="yes">
        <source>(%n more values not shown)</source>
        <translation>
            <numerusform>(%n more value not shown)</numerusform>
            <numerusform>(%n more values not shown)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>vigil::console::ConnectionStatus</name>
    <message numerus="yes">
        <source>Offline since %1. Reconnecting: attempt %2, next try in %n s</source>
        <translation>
            <numerusform>Offline since %1. Reconnecting: attempt %2, next try in %n s</numerusform>
            <numerusform>Offline since %1. Reconnecting: attempt %2, next try in %n s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Connected: catching up on missed alerts (%n fetched)…</source>
        <translation>
            <numerusform>Connected: catching up on missed alerts (%n fetched)…</numerusform>
            <numerusform>Connected: catching up on missed alerts (%n fetched)…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>vigil::console::ConsoleController</name>
    <message numerus="yes">
        <source>Too many attempts. Try again in %n second(s).</source>
        <translation>
            <numerusform>Too many attempts. Try again in %n second.</numerusform>
            <numerusform>Too many attempts. Try again in %n seconds.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>vigil::console::MainWindow</name>
    <message numerus="yes">
        <source>%n high-priority alert(s) arrived while this station was offline.</source>
        <translation>
            <numerusform>%n high-priority alert arrived while this station was offline.</numerusform>
            <numerusform>%n high-priority alerts arrived while this station was offline.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new high-priority alert(s).</source>
        <translation>
            <numerusform>%n new high-priority alert.</numerusform>
            <numerusform>%n new high-priority alerts.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Acknowledging %n alert(s)…</source>
        <translation>
            <numerusform>Acknowledging %n alert…</numerusform>
            <numerusform>Acknowledging %n alerts…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Catching up: %n alert(s)</source>
        <translation>
            <numerusform>Catching up: %n alert</numerusform>
            <numerusform>Catching up: %n alerts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n active high-priority alert(s)</source>
        <translation>
            <numerusform>%n active high-priority alert</numerusform>
            <numerusform>%n active high-priority alerts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n active medium-priority alert(s)</source>
        <translation>
            <numerusform>%n active medium-priority alert</numerusform>
            <numerusform>%n active medium-priority alerts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n active low-priority alert(s)</source>
        <translation>
            <numerusform>%n active low-priority alert</numerusform>
            <numerusform>%n active low-priority alerts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n active information message(s)</source>
        <translation>
            <numerusform>%n active information message</numerusform>
            <numerusform>%n active information messages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n alert(s) arrived while offline: not reviewed yet</source>
        <translation>
            <numerusform>%n alert arrived while offline: not reviewed yet</numerusform>
            <numerusform>%n alerts arrived while offline: not reviewed yet</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unreviewed offline alert(s)</source>
        <translation>
            <numerusform>%n unreviewed offline alert</numerusform>
            <numerusform>%n unreviewed offline alerts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Acknowledge %n selected alert(s) on every station (Ctrl+K).</source>
        <translation>
            <numerusform>Acknowledge %n selected alert on every station (Ctrl+K).</numerusform>
            <numerusform>Acknowledge %n selected alerts on every station (Ctrl+K).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>vigil::console::RoomListModel</name>
    <message numerus="yes">
        <source>This station follows %n rooms already, the most it can.</source>
        <translation>
            <numerusform>This station follows %n room already, the most it can.</numerusform>
            <numerusform>This station follows %n rooms already, the most it can.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>vigil::console::TriageQueueModel</name>
    <message numerus="yes">
        <source>%n min</source>
        <translation>
            <numerusform>%n min</numerusform>
            <numerusform>%n min</numerusform>
        </translation>
    </message>
</context>
</TS>
