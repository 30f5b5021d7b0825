#pragma once

#include "mime/MessageComposer.h"

#include <QObject>
#include <QTest>

// mime_composer: outgoing messages composed by core/mime come back, through core/mime's parser and
// through GMime on its own, as what was put in; replies and forwards are drafted from originals.
class ComposerTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // ComposerHeaderTests.cpp
    void plainMessage();
    void unicodeHeaders_data();
    void unicodeHeaders();
    void bccNeverWritten();
    void envelopeRecipients();
    void dateAndIds();
    void messageIdGenerator();
    void extraHeaders();
    void injectionRefused_data();
    void injectionRefused();
    void invalidInput_data();
    void invalidInput();
    void limits();

    // ComposerBodyTests.cpp
    void flowedRoundTrip();
    void flowedLines();
    void transferEncodings();
    void htmlAlternative();
    void inlineImages();
    void attachments();
    void contentTypeDetection();

    // ComposerReplyTests.cpp
    void replySubjects_data();
    void replySubjects();
    void replyToSender();
    void replyUsesReplyTo();
    void replyAll();
    void replyToOwnMessage();
    void referencesTrimmed();
    void forwardInline();
    void forwardAsAttachment();
    void corpusReplyAndForward();
};

// A minimal valid message: one sender, one recipient, a Message-ID and a fixed date.
Petrel::Mime::OutgoingMessage basicMessage();

// Composes and fails the calling test (returning empty bytes) when the composer reports an error.
QByteArray composeOk(const Petrel::Mime::OutgoingMessage &message);

// The header block (up to the first empty line), unfolded.
QByteArray unfoldedHeaders(const QByteArray &raw);
