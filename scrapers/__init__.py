"""The Scrapy project: spiders for public job boards, feeding the screener store."""
