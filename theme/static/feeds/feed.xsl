<?xml version="1.0" encoding="UTF-8"?>
<!-- Makes an Atom or RSS feed of this blog readable when it is opened in a browser.
     Self-contained on purpose: no fonts, scripts or styles from anywhere else. -->
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:atom="http://www.w3.org/2005/Atom"
  exclude-result-prefixes="atom">
  <xsl:output method="html" encoding="UTF-8" indent="yes" doctype-system="about:legacy-compat"/>

  <xsl:variable name="feed-title" select="atom:feed/atom:title | rss/channel/title"/>
  <xsl:variable name="feed-description" select="atom:feed/atom:subtitle | rss/channel/description"/>
  <xsl:variable name="feed-address" select="atom:feed/atom:link[@rel='self']/@href | rss/channel/atom:link[@rel='self']/@href"/>
  <!-- English when the feed says so (Atom xml:lang, RSS language); German otherwise -->
  <xsl:variable name="en" select="starts-with(atom:feed/@xml:lang, 'en') or starts-with(rss/channel/language, 'en')"/>
  <xsl:variable name="site-address" select="atom:feed/atom:link[@rel='alternate']/@href | rss/channel/link"/>

  <xsl:template match="/">
    <html lang="{substring('deen', 1 + 2 * number($en), 2)}">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="robots" content="noindex"/>
        <title>Feed: <xsl:value-of select="$feed-title"/></title>
        <style>
          body { font-family: system-ui, sans-serif; line-height: 1.5; margin: 0; color: #1d1d1f; background: #fff; }
          main { max-width: 42rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
          .hint { background: #eef4fb; border-left: 0.3rem solid #1a5fa8; padding: 0.75rem 1rem; }
          code { display: block; overflow-wrap: anywhere; background: #fff; padding: 0.4rem; margin: 0.5rem 0; }
          a { color: #1a5fa8; }
          li { margin-bottom: 1rem; }
          .meta { color: #555; font-size: 0.9rem; }
          @media (prefers-color-scheme: dark) {
            body { color: #eee; background: #161618; } .hint { background: #1f2a36; } code { background: #000; }
            a { color: #8cc2ff; } .meta { color: #bbb; }
          }
        </style>
      </head>
      <body>
        <main>
          <p class="hint">
            <xsl:choose>
              <xsl:when test="$en"><strong>This is a feed.</strong>
                To get new posts automatically, copy this address into a feed reader
                (many email programs and browsers can do it too):</xsl:when>
              <xsl:otherwise><strong>Das ist ein Feed.</strong>
                Um neue Beiträge automatisch zu bekommen, diese Adresse kopieren und in einen Feedreader einfügen
                (viele E-Mail-Programme und Browser können das auch):</xsl:otherwise>
            </xsl:choose>
            <code><xsl:value-of select="$feed-address"/></code>
            <xsl:choose>
              <xsl:when test="$en">No account or sign-up with the blog is needed.</xsl:when>
              <xsl:otherwise>Ein Konto oder eine Anmeldung beim Blog ist dafür nicht nötig.</xsl:otherwise>
            </xsl:choose>
          </p>
          <h1><xsl:value-of select="$feed-title"/></h1>
          <p><xsl:value-of select="$feed-description"/></p>
          <p><a href="{$site-address}"><xsl:choose><xsl:when test="$en">To the website</xsl:when><xsl:otherwise>Zur Website</xsl:otherwise></xsl:choose></a></p>
          <h2><xsl:choose><xsl:when test="$en">Latest entries</xsl:when><xsl:otherwise>Neueste Einträge</xsl:otherwise></xsl:choose></h2>
          <ul>
            <xsl:apply-templates select="atom:feed/atom:entry | rss/channel/item"/>
          </ul>
        </main>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="atom:entry">
    <li>
      <a href="{atom:link[@rel='alternate']/@href}"><xsl:value-of select="atom:title"/></a>
      <div class="meta"><xsl:value-of select="substring(atom:published, 1, 10)"/>
        <xsl:for-each select="atom:author"> · <xsl:value-of select="atom:name"/></xsl:for-each></div>
    </li>
  </xsl:template>

  <xsl:template match="item">
    <li>
      <a href="{link}"><xsl:value-of select="title"/></a>
      <div class="meta"><xsl:value-of select="pubDate"/></div>
    </li>
  </xsl:template>
</xsl:stylesheet>
