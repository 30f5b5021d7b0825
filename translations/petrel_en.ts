<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>Petrel::Ui::MailChecker</name>
    <message numerus="yes">
        <source>%n message(s) sent</source>
        <translation>
            <numerusform>%n message sent</numerusform>
            <numerusform>%n messages sent</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Petrel::Ui::MainWindow</name>
    <message numerus="yes">
        <source>%n account(s)</source>
        <translation>
            <numerusform>%n account</numerusform>
            <numerusform>%n accounts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: sending: %2 (%n sent)</source>
        <translation>
            <numerusform>%1: sending: %2 (%n sent)</numerusform>
            <numerusform>%1: sending: %2 (%n sent)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new message(s) in %1</source>
        <translation>
            <numerusform>%n new message in %1</numerusform>
            <numerusform>%n new messages in %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Petrel::Ui::TrayIcon</name>
    <message numerus="yes">
        <source>Petrel: %n unread message(s)</source>
        <translation>
            <numerusform>Petrel: %n unread message</numerusform>
            <numerusform>Petrel: %n unread messages</numerusform>
        </translation>
    </message>
</context>
</TS>
