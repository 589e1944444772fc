"""The documented-information pack (``sms-lint export``): every document in the version the
repository holds, under its control header, with the register, the clause map and each
document's git history, as one self-contained HTML file (or a folder of pages).

Data flows one way: :mod:`.sources` reads the files and git, :mod:`.build` turns them into the
frozen :mod:`.model`, and :mod:`.render` (with :mod:`.sections`, :mod:`.documents`,
:mod:`.bodies`, :mod:`.tables`) writes markup from it; :mod:`.pages` splits it into a folder.
"""
