#pragma once

#include "mime/MessageParser.h"

#include <QObject>
#include <QTest>

// mime_decoding: charsets, encoded words, attachment names, structure, limits, file names.
class DecodingTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // DecodingCharsetTests.cpp
    void bodyCharsets_data();
    void bodyCharsets();
    void encodedWords_data();
    void encodedWords();
    void rawUtf8Headers();
    void rawLegacyHeaders();
    void addresses();
    void displayStrings();
    void messageIds();
    void dates_data();
    void dates();

    // DecodingStructureTests.cpp
    void attachmentNames_data();
    void attachmentNames();
    void inlineCidParts();
    void nestedMessage();
    void alternativeChoice();
    void brokenBoundaries();
    void noBody();
    void hugeHeaderLine();
    void depthLimit();
    void partLimit();
    void textLimit();
    void notMail();
    void partContent();
    void headersOnly();
    void htmlDisplayText();
    void concurrentParsing();

    // DecodingFileNameTests.cpp
    void sanitizeFileName_data();
    void sanitizeFileName();
    void sanitizeLongNames();
};

// Parses and fails the test when the parser reports an error.
Petrel::Mime::ParsedMessage parseOk(const QByteArray &raw);
