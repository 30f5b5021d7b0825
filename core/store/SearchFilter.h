#pragma once

#include <QString>
#include <QStringList>

namespace Petrel::Store {

// What a user typed in the search field, split into its operators: from:, to:, subject:
// (each a substring of that header, case-insensitive; a value may be "quoted with spaces"),
// has:attachment, is:unread, is:flagged; the rest is free text for the full-text index.
// An unknown operator ("foo:bar") stays free text, so nothing typed is silently dropped.
struct SearchFilter
{
    QString text;
    QStringList from;
    QStringList to; // To or Cc
    QStringList subject;
    bool hasAttachment = false;
    bool unread = false;
    bool flagged = false;

    bool isEmpty() const
    {
        return text.trimmed().isEmpty() && from.isEmpty() && to.isEmpty() && subject.isEmpty() && !hasAttachment &&
               !unread && !flagged;
    }
};

SearchFilter parseSearchFilter(const QString &userQuery);

} // namespace Petrel::Store
