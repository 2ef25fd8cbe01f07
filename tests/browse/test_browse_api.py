

def test_accented_titles_sort_with_their_letters():
    from media_library.state.media import sort_title

    assert sorted(["Zorro", "Émile", "Amélie", "The Godfather"], key=sort_title) == ["Amélie", "Émile", "The Godfather", "Zorro"]
