"""What the demo page shows, without streamlit: interface text in two languages, markup escaping,
link state, plotly figures, result tables and downloads."""
