import { useCallback, useEffect, useState } from 'react'
import { ProblemError } from '../../api/client'
import { useApp } from '../../app/AppContext'
import { securityApi } from './securityApi'
import type { Department, Team, User } from './securityTypes'

export interface Directory {
  users: User[] | null
  teams: Team[]
  departments: Department[]
  error: string | null
  reload: () => void
  /** Runs a live change, reloads, and says how it went. */
  apply: (work: () => Promise<unknown>, done: string) => Promise<boolean>
}

/** Users, teams and departments loaded together, since each screen shows the others' names. */
export function useDirectory(): Directory {
  const { toast } = useApp()
  const [users, setUsers] = useState<User[] | null>(null)
  const [teams, setTeams] = useState<Team[]>([])
  const [departments, setDepartments] = useState<Department[]>([])
  const [error, setError] = useState<string | null>(null)
  const reload = useCallback(() => {
    Promise.all([securityApi.users(), securityApi.teams(), securityApi.departments()])
      .then(([u, t, d]) => { setUsers(u); setTeams(t); setDepartments(d); setError(null) })
      .catch((e) => setError(e instanceof Error ? e.message : String(e)))
  }, [])
  useEffect(reload, [reload])
  const apply = useCallback(async (work: () => Promise<unknown>, done: string) => {
    try {
      await work()
      toast(done)
      reload()
      return true
    } catch (e) {
      toast(e instanceof ProblemError ? [e.message, ...e.problem.errors.map((x) => x.message)].join(' ') : String(e), 'error')
      return false
    }
  }, [reload, toast])
  return { users, teams, departments, error, reload, apply }
}
