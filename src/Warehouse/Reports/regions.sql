-- The regions the filter offers: those of the companies the caller may see (tier and region filters ignored).
with {{companies}}
select distinct region from companies order by region
