"""Go text/template with Sprig and Helm's functions, in pure Python. Pure: no cluster imports."""
