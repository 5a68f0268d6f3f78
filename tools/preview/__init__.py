"""`make devserver`: a preview that rebuilds on every save, reloads the browser and shows problems."""
