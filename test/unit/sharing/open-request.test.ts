import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { OpenRequests, sharedFileFromArgv } from '../../../main/sharing/open-request'

describe('.claimdesk files the OS asks to open', () => {
  it('finds the file on a command line, resolved against the folder it ran in', () => {
    expect(sharedFileFromArgv(['/opt/Claimdesk/claimdesk', '/home/a/x.claimdesk'], '/tmp')).toBe(
      '/home/a/x.claimdesk',
    )
    expect(sharedFileFromArgv(['claimdesk', 'shared/Team.CLAIMDESK'], '/home/a')).toBe(
      resolve('/home/a', 'shared/Team.CLAIMDESK'),
    )
    // Electron from the sources: the app folder comes first; Chromium adds switches.
    expect(
      sharedFileFromArgv(
        ['electron', '.', '--allow-file-access-from-files', '--x=y.claimdesk', 'b.claimdesk'],
        '/w',
      ),
    ).toBe(resolve('/w', 'b.claimdesk'))
  })

  it('finds nothing in a command line without one; the executable itself never counts', () => {
    expect(sharedFileFromArgv(['claimdesk'], '/w')).toBeNull()
    expect(sharedFileFromArgv(['/x/odd.claimdesk', 'notes.txt', '--flag'], '/w')).toBeNull()
  })

  it('holds requests until the window listens, then hands each over once, in order', () => {
    const requests = new OpenRequests()
    const delivered: string[] = []
    requests.request('/a.claimdesk')
    requests.request('/b.claimdesk')
    expect(delivered).toEqual([])
    requests.listening((path) => delivered.push(path))
    expect(delivered).toEqual(['/a.claimdesk', '/b.claimdesk'])
    // Listening again (the page subscribed again) repeats nothing.
    requests.listening((path) => delivered.push(path))
    requests.request('/c.claimdesk')
    expect(delivered).toEqual(['/a.claimdesk', '/b.claimdesk', '/c.claimdesk'])
    // The window closed: queued for the next one.
    requests.stopped()
    requests.request('/d.claimdesk')
    expect(delivered).toHaveLength(3)
    requests.listening((path) => delivered.push(path))
    expect(delivered.at(-1)).toBe('/d.claimdesk')
  })
})
